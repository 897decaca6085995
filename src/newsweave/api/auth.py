"""API keys: writes always need one, reads only when the app was created with read_key=True.

The key comes from create_app(api_key=...) or $NEWSWEAVE_API_KEY, travels in the X-API-Key
header, is compared in constant time and is never logged or echoed.
"""

from __future__ import annotations

import hmac

from fastapi import Request, Security
from fastapi.security import APIKeyHeader

from newsweave.api.errors import ApiError

API_KEY_ENV = "NEWSWEAVE_API_KEY"
HEADER = "X-API-Key"

_header = APIKeyHeader(name=HEADER, auto_error=False, scheme_name="api_key",
                       description=f"the server's key (${API_KEY_ENV}); needed for writes, and for reads "
                                   "when the server was started with keyed reads")


def require_key(request: Request, given: str | None = Security(_header)) -> None:
    """On every write route, and on the read routes when reads are keyed (create_app adds it
    there only then, so the OpenAPI document says which routes need it)."""
    expected: str | None = request.app.state.api_key
    if expected is None:
        raise ApiError(403, f"writes are disabled: no API key is configured on this server; start it with "
                            f"{API_KEY_ENV}=<a long random string> in its environment (or create_app(api_key=...)) "
                            f"and send that key in the {HEADER} header")
    if not given:
        raise ApiError(401, f"this needs the server's API key in the {HEADER} header")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiError(401, f"wrong API key in the {HEADER} header")
