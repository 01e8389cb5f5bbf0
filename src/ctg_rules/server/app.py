"""The ASGI application: the page, its assets, and the HTTP API (docs/http.md).

- ``GET /``: the page (``static/``: plain HTML, CSS and JavaScript served by the package).
- ``POST /api/check``: multipart ``files`` (one or more), optional ``config``, ``lang`` and
  ``format``; the report as ``ctg-rules check --format json`` (or another format) prints it.
- ``POST /api/extract``: the dossier the files make, as YAML (``ctg-rules extract``).
- ``POST /api/review``: what the page needs, streamed as JSON lines (progress, then the report,
  the dossier's values and the corrected dossier's YAML).
- ``GET /api/rules``: the catalogue with each rule's explanation; ``GET /healthz``.

Every request passes the :class:`~.guard.Guard` first; uploads live in a private folder deleted
once the answer is sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .._version import __version__
from . import runs
from .guard import Binding, Guard
from .uploads import Upload, UploadError, UploadLimits, discard, message, receive

STATIC = Path(__file__).parent / "static"
LANGS = ("fr", "en")
#: report formats /api/check may return, with their media types (the page downloads HTML and JSON)
FORMATS = {
    "json": "application/json",
    "html": "text/html",
    "sarif": "application/sarif+json",
    "markdown": "text/markdown",
    "text": "text/plain",
    "junit": "application/xml",
}


def create_app(binding: Binding, limits: UploadLimits | None = None) -> Guard:
    """The application behind its guard, for uvicorn (``ctg-rules serve``) or a test client."""
    limits = limits or UploadLimits()

    async def _upload(request: Request) -> Upload:
        headers = request.headers
        return await receive(
            request.stream(), headers.get("content-type", ""), headers.get("content-length"), limits
        )

    routes = [
        Route("/", _page),
        Route("/healthz", _health),
        Route("/api/rules", _rules),
        Route("/api/check", _with_upload(_upload, partial(_check, limits=limits.file)), methods=["POST"]),
        Route("/api/extract", _with_upload(_upload, _extract), methods=["POST"]),
        Route(
            "/api/review",
            _with_upload(_upload, partial(_review, limits=limits.file), stream=True),
            methods=["POST"],
        ),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    return Guard(app, binding)


def _lang(value: str | None) -> str:
    return value if value in LANGS else "fr"


def _error(status: int, text: str) -> JSONResponse:
    return JSONResponse({"error": text}, status_code=status)


def _with_upload(
    upload: Callable[[Request], Any], handler: Callable[[Upload, str], Any], stream: bool = False
) -> Callable[[Request], Any]:
    """An endpoint that receives files: refusals worded, the folder deleted after the answer."""

    async def endpoint(request: Request) -> Response:
        asked = request.query_params.get("lang")
        try:
            received = await upload(request)
        except UploadError as exc:
            return _error(exc.status, message(exc, _lang(asked)))
        if received.lang is not None and received.lang not in LANGS:
            discard(received)
            return _error(400, f"lang: {received.lang!r} is not one of fr, en")
        lang = received.lang or asked
        if stream:  # the generator deletes the folder when it is done
            return StreamingResponse(handler(received, _lang(lang)), media_type="application/x-ndjson")
        try:  # the answer is in memory: the folder goes before it is sent
            return await run_in_threadpool(handler, received, lang)  # type: ignore[no-any-return]
        finally:
            discard(received)

    return endpoint


def _check(upload: Upload, lang: str | None, limits: Any = None) -> Response:
    fmt = upload.fields.get("format") or "json"
    if fmt not in FORMATS:
        return _error(400, f"format: {fmt!r} is not one of {', '.join(FORMATS)}")
    outcome = runs.check(upload, fmt, lang, limits)
    if outcome.failed:
        return _error(422, outcome.messages.strip() or "the check could not run")
    media = FORMATS[fmt] + "; charset=utf-8"
    headers = {"X-Ctg-Rules-Exit-Code": str(outcome.exit_code)}
    if fmt != "json":
        headers["Content-Disposition"] = f'attachment; filename="{_report_name(fmt)}"'
    return Response(outcome.text, media_type=media, headers=headers)


def _report_name(fmt: str) -> str:
    return "rapport-ctg-rules." + {"markdown": "md", "text": "txt", "junit": "xml", "sarif": "sarif"}.get(
        fmt, fmt
    )


def _extract(upload: Upload, lang: str | None) -> Response:
    outcome = runs.extract(upload, lang)
    if outcome.exit_code or not outcome.text:
        return _error(422, outcome.messages.strip() or "nothing could be extracted")
    return Response(outcome.text, media_type="application/yaml; charset=utf-8")


def _review(upload: Upload, lang: str, limits: Any = None) -> Iterator[bytes]:
    from .review import review

    try:
        for event in review(upload, lang, limits):
            yield (json.dumps(event, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    finally:
        discard(upload)


async def _page(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


async def _health(request: Request) -> Response:
    return JSONResponse({"status": "ok", "version": __version__})


async def _rules(request: Request) -> Response:
    lang = request.query_params.get("lang")
    if lang is not None and lang not in LANGS:
        return _error(400, f"lang: {lang!r} is not one of fr, en")
    return JSONResponse(await run_in_threadpool(rule_records, _lang(lang)))


def rule_records(lang: str) -> list[dict[str, Any]]:
    """Every rule as ``ctg-rules explain --format json`` gives it, with its area's name and its
    explanation in words (``area_title``, ``what_plain``, ``why_plain``)."""
    from ..commands.rules import explain_record
    from ..engine import registry
    from ..labels import humanize
    from ..reporters.html import WORDS

    areas = WORDS[lang]["areas"]
    records = []
    for rule in registry().rules.values():
        record = explain_record(rule, lang)
        record["area_title"] = areas.get(record["area"], record["area"])
        # what and why as the HTML report words them: fields named in words, parameters by value
        values = {name: p["value"] for name, p in record["parameters"].items()}
        record["what_plain"] = humanize(record["what"].strip(), lang, values)
        record["why_plain"] = humanize(record["why"].strip(), lang, values)
        records.append(json.loads(json.dumps(record, ensure_ascii=False, default=str)))
    return records
