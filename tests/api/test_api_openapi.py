"""The OpenAPI document, and a bounded fuzz of every operation in it (schemathesis): no
request, however odd, gets a 5xx or an answer its documented schema does not allow."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

ENDPOINTS = {"/api/articles", "/api/articles/{article_id}", "/api/events", "/api/events/{event_id}",
             "/api/events/{event_id}/summary", "/api/events/{event_id}/coverage", "/api/storylines",
             "/api/storylines/{storyline_id}", "/api/entities", "/api/entities/{entity_id}", "/api/quotes",
             "/api/actions", "/api/search", "/api/ingest", "/api/jobs/{job_id}"}


def test_openapi_document(client):
    document = client.get("/openapi.json").json()
    assert document["info"]["title"] == "newsweave"
    assert ENDPOINTS <= set(document["paths"])
    for path, operations in document["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            ok = operation["responses"]["202" if method == "post" else "200"]
            assert "$ref" in str(ok["content"]["application/json"]["schema"]), (method, path)
            assert operation["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    ingest = document["paths"]["/api/ingest"]["post"]
    assert {"401", "403"} <= set(ingest["responses"]) and ingest["security"] == [{"api_key": []}]
    assert document["components"]["securitySchemes"]["api_key"] == {
        "type": "apiKey", "in": "header", "name": "X-API-Key", "description": pytest.approx(
            document["components"]["securitySchemes"]["api_key"]["description"])}


@pytest.fixture(scope="module")
def api_schema(client):
    return schemathesis.openapi.from_asgi("/openapi.json", client.app)


# schemathesis's own pytest integration (schema.parametrize with from_fixture) reads a private
# attribute pytest 9 dropped; its operation strategies driven by hypothesis directly do the same.
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
@pytest.mark.parametrize("path", sorted(ENDPOINTS))
def test_openapi_fuzz(api_schema, path, mode):
    for method in api_schema[path]:
        operation = api_schema[path][method]

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=12, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate()

        run()
