"""Helpers of the API tests (importable: pytest puts this folder on sys.path)."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

KEY = "test-key-0123456789abcdef"

# One event in two languages, as an API client posts it: clean text, and a page.
ARTICLES = [
    {"title": "Séisme dans l'ouest de l'Iran : trois morts près de Guilanjan",
     "text": "Un séisme de magnitude 5,7 a frappé jeudi soir la province de Kermanshah, dans l'ouest de l'Iran, "
             "faisant trois morts et 61 blessés selon les autorités locales.\n\nL'épicentre a été localisé près "
             "de la ville de Guilanjan, à une douzaine de kilomètres de profondeur.",
     "published": "2026-03-06T09:15:00", "source": "L'Écho Continental", "lang": "fr"},
    {"title": "هزة أرضية تضرب غرب إيران وتوقع ثلاثة قتلى",
     "html": "<html><body><article><h1>هزة أرضية تضرب غرب إيران وتوقع ثلاثة قتلى</h1><p>لقي ثلاثة أشخاص حتفهم وأصيب "
             "61 آخرون جراء زلزال بقوة 5.7 درجة ضرب مساء الخميس محافظة كرمانشاه غربي إيران، بحسب ما أفادت به وسائل "
             "إعلام إيرانية رسمية.</p><p>وقع مركز الزلزال قرب مدينة كيلانجان الجبلية، على عمق نحو 12 كيلومتراً، "
             "وتضررت بشكل خاص المنازل الطينية القديمة في القرى المحيطة.</p></article></body></html>",
     "url": "https://alofoq.example/iran-quake", "source": "الأفق اليوم"},
]


def wait_for(client: TestClient, job_id: str, timeout: float = 120.0) -> dict:
    """Poll a job until it has finished."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still {job['status']} after {timeout}s")


def assert_error(response, status: int, *words: str) -> dict:
    """The one error shape, with a message that says what to do."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status and isinstance(body["error"], str)
    for word in words:
        assert word in body["error"], body["error"]
    return body
