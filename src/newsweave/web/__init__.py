"""The web UI: server-rendered pages over the Engine, served by the HTTP API's FastAPI app.

    from newsweave.web import mount
    mount(app)   # pages at "/", static files at "/static"; reads app.state.engine

routes.py (HTTP) -> views.py (Engine calls -> plain data) -> templates/ (Jinja, autoescaped);
charts.py lays out the inline SVG charts, find.py is the search fallback, present.py formats.
"""

from newsweave.web.routes import CONTENT_SECURITY_POLICY, mount

__all__ = ["CONTENT_SECURITY_POLICY", "mount"]
