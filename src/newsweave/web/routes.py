"""Page routes of the web UI, added to the HTTP API's FastAPI app by `mount(app)`.

The pages read `app.state.engine` (the one Engine the API keeps) through views.py and render
Jinja templates with autoescape on. Pages are built in FastAPI's thread pool, concurrently with
each other and with an ingest job (the Engine allows one ingest and concurrent reads).
"""

from __future__ import annotations

from importlib import resources
from typing import Callable

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from newsweave.web import present, views

# No inline script and no script at all (the UI needs none), no framing, nothing fetched from
# elsewhere; SVG presentation attributes are not styles, so style-src needs no 'unsafe-inline'.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

# The templates are package files: no stat of each one at every render (auto_reload) to see if it changed.
ENV = Environment(loader=PackageLoader("newsweave.web", "templates"), autoescape=select_autoescape(default=True),
                  undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, auto_reload=False)
ENV.globals.update(lang_name=present.lang_name, autonym=present.autonym, is_rtl=present.is_rtl,
                   path=present.path, with_query=present.with_query, plural=present.plural)
ENV.filters.update(when=present.when, compact=present.compact, day=present.day, iso=present.iso, short=present.short)

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    root = request.scope.get("root_path", "").rstrip("/")
    html = ENV.get_template(template).render(root=root, nav=context.pop("nav", ""), **context)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def _call(request: Request, build: Callable[..., dict], *args, **kwargs) -> dict:
    return build(request.app.state.engine, *args, **kwargs)


def _detail(request: Request, template: str, nav: str, build: Callable[..., dict], *args) -> HTMLResponse:
    """One item's page, or the not-found page when ``build`` finds no such item."""
    try:
        context = _call(request, build, *args)
    except views.NotFound as error:
        return render(request, "not_found.html", status=404, message=str(error))
    return render(request, template, nav=nav, **context)


@router.get("/", response_class=HTMLResponse)
def front(request: Request, lang: str | None = None, entity: str | None = None, sort: str = "newest",
          page: int = Query(1, ge=1)) -> HTMLResponse:
    context = _call(request, views.front_page, present.lang_code(lang), entity or None, sort, page)
    return render(request, "front.html", nav="events", **context)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str, lang: str | None = None) -> HTMLResponse:
    return _detail(request, "event.html", "events", views.event_page, event_id, present.lang_code(lang))


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, q: str = "", type: str | None = None,
             page: int = Query(1, ge=1)) -> HTMLResponse:
    context = _call(request, views.entities_page, q[:200], type or None, page)
    return render(request, "entities.html", nav="entities", **context)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str) -> HTMLResponse:
    return _detail(request, "entity.html", "entities", views.entity_page, entity_id)


@router.get("/storylines", response_class=HTMLResponse)
def storylines(request: Request, all: bool = False) -> HTMLResponse:
    context = _call(request, views.storylines_page, all)
    return render(request, "storylines.html", nav="storylines", **context)


@router.get("/storylines/{storyline_id}", response_class=HTMLResponse)
def storyline(request: Request, storyline_id: str) -> HTMLResponse:
    return _detail(request, "storyline.html", "storylines", views.storyline_page, storyline_id)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "", mode: str = "text", lang: str | None = None) -> HTMLResponse:
    context = _call(request, views.search_page, q[:500], mode, present.lang_code(lang), request.app.state)
    return render(request, "search.html", nav="search", **context)


def mount(app: FastAPI) -> None:
    """Add the web UI to ``app``: pages at "/", "/events/{id}", "/entities[/{id}]",
    "/storylines[/{id}]", "/search", and static files at "/static". ``app.state.engine`` must
    hold the Engine by the time the first page is requested."""
    app.include_router(router)
    static = resources.files("newsweave.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
