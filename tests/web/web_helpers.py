"""What the web UI's browser tests share: the hostile article, the app, a uvicorn server."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
DEMO = REPO / "src" / "newsweave" / "demo" / "corpus.jsonl"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PAGE_TIMEOUT_MS = 15_000  # an event page's first load embeds its sentences: a few seconds
ACTION_TIMEOUT_MS = 5_000

# An article whose every field tries to run script or to link javascript:.
XSS_TITLE = "<script>alert(1)</script> Kemerli <img src=x onerror=alert(2)>"
XSS_ARTICLE = {
    "id": "xss-1",
    "title": XSS_TITLE,
    "text": ("Officials in Kemerli said the <img src=x onerror=alert(3)> bridge inspection was finished on Monday "
             "morning and that the road would reopen.\n\n"
             "Read more at <a href=\"javascript:alert(4)\">this link</a> or javascript:alert(5) today, "
             "the municipality said in a statement on its website.\n\n"
             "<script>window.__xss = true; alert(6)</script> The inspectors found no structural damage "
             "to the old stone arches of the bridge."),
    "lang": "en",
    "published": "2026-03-28T09:00:00+00:00",
    "source": "<b onmouseover=alert(7)>Evil Outlet</b>",
    "url": "javascript:alert(8)",
}


def make_app(db_url: str, embedder):
    """The HTTP API's app (which mounts the UI) when it exists, else a minimal app around the UI."""
    try:
        from newsweave.api.app import create_app
    except ImportError:
        from fastapi import FastAPI

        from newsweave import Engine
        from newsweave.store import open_store
        from newsweave.web import mount

        app = FastAPI()
        app.state.engine = Engine(open_store(db_url), embedder=embedder)
        mount(app)
        return app
    return create_app(db_url, embedder=embedder)


@contextmanager
def serve(app):
    """Run ``app`` with uvicorn in a thread on a free 127.0.0.1 port; yields its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        engine = getattr(app.state, "engine", None)
        if engine is not None:
            engine.close()


SCREENSHOT_MAX_HEIGHT = 2400  # px: README-sized, the top of a long page


def screenshot(page, path: Path, max_height: int = SCREENSHOT_MAX_HEIGHT) -> None:
    """The top of the page, at most ``max_height`` pixels tall."""
    height = page.evaluate("() => document.documentElement.scrollHeight")
    width = page.viewport_size["width"]
    page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width,
                                                           "height": min(height, max_height)})
