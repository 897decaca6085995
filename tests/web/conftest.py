"""Browser tests of the web UI: the real app (HTTP API + pages) served by uvicorn on 127.0.0.1,
over a real SQLite store filled through the real Engine, driven by Debian's chromium through
Playwright (no `playwright install`: nothing is downloaded)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from web_helpers import (ACTION_TIMEOUT_MS, ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, DEMO, PAGE_TIMEOUT_MS, XSS_ARTICLE,
                         make_app, serve)


def pytest_configure(config):
    config.addinivalue_line("markers", "web: browser tests of the web UI (Playwright + /usr/bin/chromium)")


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.web)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def _browser_required() -> bool:
    """CI runs the browser tests, never skips them (../shared/STYLE.md)."""
    return os.environ.get("NEWSWEAVE_REQUIRE_BROWSER") == "1" or (
        os.environ.get("CI") == "true" and os.environ.get("NEWSWEAVE_REQUIRE_SHARED") == "1")


def _missing(message: str) -> None:
    if _browser_required():
        pytest.fail(f"{message}; CI must run the browser tests, not skip them", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} not found: apt-get install -y chromium")
    try:
        from playwright import sync_api as playwright_api
    except ImportError:
        _missing("playwright is not installed: pip install -e '.[test]'")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
                                             timeout=30_000)
        yield browser
        browser.close()


class Watched:
    """A page with its dialogs (alert, confirm...), console errors and page errors recorded."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", lambda msg: self.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.set_default_timeout(ACTION_TIMEOUT_MS)
        page.set_default_navigation_timeout(PAGE_TIMEOUT_MS)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def goto(self, path: str):
        response = self.page.goto(self.base + path, wait_until="load")
        assert response is not None and response.ok, f"{path}: {response.status if response else 'no response'}"
        return response

    def assert_clean(self) -> None:
        assert self.dialogs == [], self.dialogs
        assert self.errors == [], self.errors


@pytest.fixture
def page_factory(browser):
    contexts = []

    def open_page(base: str, **context_options) -> Watched:
        context = browser.new_context(**context_options)
        contexts.append(context)
        return Watched(context.new_page(), base)

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory, embedder):
    """The demo corpus plus the XSS article, ingested through the real Engine, served."""
    from newsweave import Engine
    from newsweave.store import open_store

    root = tmp_path_factory.mktemp("web-demo")
    xss = root / "xss.jsonl"
    xss.write_text(json.dumps(XSS_ARTICLE) + "\n", encoding="utf-8")
    db_url = f"sqlite:///{root / 'demo.db'}"
    with Engine(open_store(db_url), embedder=embedder) as engine:
        report = engine.ingest([str(DEMO), str(xss)], progress=False)
        assert not report.failed, report.failed
        info = _site_info(engine)
    with serve(make_app(db_url, embedder)) as base:
        yield {"base": base, "db_url": db_url, **info}


def _site_info(engine) -> dict:
    """What the tests look for, found through the Engine (ids are content hashes)."""
    articles = engine.articles()
    events = engine.events()
    xss = next(a for a in articles if a.title.startswith("<script>"))
    biggest = events[0]
    # The largest event told both right to left and in French: the language-switch and bidi pages.
    mixed = max((e for e in events if "fr" in e.languages and {"ar", "he", "fa"} & set(e.languages)),
                key=lambda e: (len(e.languages), e.size))
    absorbed = None
    for event in events:
        for change in engine.event_history(event.id):
            if change.kind == "merged" and change.other_event_id:
                absorbed = (change.other_event_id, event.id)
                break
        if absorbed:
            break
    return {"articles": articles, "events": events, "xss_article": xss, "biggest": biggest, "mixed": mixed,
            "absorbed": absorbed}
