"""One JSON error shape for every failure: {"ok": false, "error": "...", "status": N}
(with "errors", one item per invalid parameter, on 422)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from newsweave.api.schemas import ErrorOut
from newsweave.errors import NewsweaveError, StoreError

LOGGER = logging.getLogger(__name__)

# What a route may answer besides its model, for the OpenAPI document.
NOT_FOUND = {404: {"model": ErrorOut, "description": "no such id"}}
NOT_JSON = {400: {"model": ErrorOut, "description": "the body is not JSON"}}
INVALID = {422: {"model": ErrorOut, "description": "a parameter or the body is invalid"}}
KEYED = {401: {"model": ErrorOut, "description": "missing or wrong X-API-Key"},
         403: {"model": ErrorOut, "description": "no API key is configured on the server"}}


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error_response(status: int, message: str, errors: list[dict] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorOut(error=message, status=status, errors=errors).model_dump(exclude_none=True)
    return JSONResponse(body, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    def _api(_request: Request, error: ApiError) -> JSONResponse:
        return error_response(error.status, error.message,
                              headers={"WWW-Authenticate": "X-API-Key"} if error.status == 401 else None)

    @app.exception_handler(HTTPException)
    def _http(_request: Request, error: HTTPException) -> JSONResponse:
        message = {404: "no such page: the HTTP API is under /api/ (see /openapi.json)",
                   405: "method not allowed here"}.get(error.status_code, str(error.detail))
        return error_response(error.status_code, message, headers=getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        # Echoing the rejected input back would repeat whatever was sent, keys included.
        errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in error.errors()]
        where = ", ".join(".".join(str(part) for part in e["loc"]) + f": {e['msg']}" for e in errors)
        return error_response(422, f"invalid request: {where}", errors)

    @app.exception_handler(StoreError)
    def _store(_request: Request, error: StoreError) -> JSONResponse:
        return error_response(503, str(error))

    @app.exception_handler(NewsweaveError)
    def _newsweave(_request: Request, error: NewsweaveError) -> JSONResponse:
        return error_response(400, str(error))

    @app.exception_handler(Exception)
    def _unexpected(_request: Request, error: Exception) -> JSONResponse:
        LOGGER.exception("unexpected error")
        return error_response(500, f"internal error ({error.__class__.__name__}); the server log has the details")
