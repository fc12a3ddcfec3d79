"""Application factory, security middleware, sessions, CSRF, error pages and the page/JSON twin helper."""
from __future__ import annotations

import functools
import logging
import re
import secrets
import threading
from collections import deque
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import __version__
from jinja2 import pass_context

from .. import display
from ..store import auth, config as store_config
from ..store.access import Actor, AccessDenied, Conflict, Invalid, NotFound, ROLES, SCOPES
from ..store.audit_writer import AuditWriter
from ..store.db import make_engine, read_only, session_factory, upgrade
from ..store.screening import ScreenerProvider
from .guard import Guard

log = logging.getLogger("rambu.web")
HERE = Path(__file__).parent
COOKIE = "rambu_session"
PRE_CSRF = "rambu_login_csrf"
FLASH = "rambu_flash"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

KB, MB = 1024, 1024 * 1024
# Draft checks screen this many at a time, in order of arrival: under load each check waits its turn (asleep)
# instead of scrambling with the others and the event loop for the interpreter, so none starves.
CHECK_THREADS = 2
CHECK_TEXT, CHECK_OCR_TEXT, CHECK_IMAGE = 20_000, 100_000, 10 * MB  # the draft check's caps
ATTACHMENT = 25 * MB


def body_limits(factory) -> Callable[[str, str], int]:
    """Body limit in bytes of each request, decided from its method and path before anything is read."""
    def limit_for(method: str, path: str) -> int:
        if method in SAFE_METHODS:
            return 64 * KB
        if path in ("/login", "/api/login"):
            return 16 * KB
        if path in ("/batches", "/api/batches"):
            with factory() as s:
                return int(store_config.get(s, "batch.max_upload_mb")) * MB + MB
        if path in ("/check", "/api/check"):
            return CHECK_IMAGE + CHECK_OCR_TEXT * 4 + CHECK_TEXT * 4 + 64 * KB
        if path.endswith(("/import", "/roster")):
            return 50 * MB
        if path.endswith("/attachments"):
            return ATTACHMENT + MB
        return MB
    return limit_for


class NotAuthenticated(Exception):
    pass


def create_app(database_url: str | None = None, *, screener_factory: Callable | None = None,
               start_worker: bool = True, run_migrations: bool = True, secure_cookies: bool = False,
               worker_poll: float = 2.0, trusted_proxies: tuple[str, ...] = (),
               worker_lock: str | None = None, settle_screener: bool = False) -> FastAPI:
    """`start_worker`: run background jobs in this process too (on SQLite the only way; on PostgreSQL
    `rambu worker` processes may do it instead, on any machine). `worker_lock`: one of several server
    processes (`rambu serve --workers N`); the background jobs run in whichever holds this file's lock.
    `run_migrations`: migrate and prepare the database at start-up (the parent of several processes does
    it once for all of them). `settle_screener`: a served process (`rambu serve`) keeps its Screener out of the
    garbage collector's full passes, which otherwise stall every request for 100-300 ms now and then."""
    engine = make_engine(database_url)
    factory = session_factory(engine)
    provider = ScreenerProvider(screener_factory, settle=settle_screener)
    from ..jobs import make_queue
    worker = make_queue(engine, factory, provider, embedded_worker=start_worker, poll=worker_poll)
    if worker_lock:
        from .served import Led, Presence
        provider.presence = Presence(worker_lock + ".attending")  # background work gives way to all processes
        if start_worker:
            worker = Led(worker, worker_lock)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if run_migrations:
            prepare(engine, factory)
        if start_worker:
            worker.start()
        yield
        worker.shutdown()

    app = FastAPI(title="rambu", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="API aplikasi web rambu: semua data halaman tersedia sebagai JSON di bawah /api/. "
                              "Masuk dengan POST /api/login; permintaan yang mengubah data memerlukan header "
                              "X-CSRF-Token dari jawaban login.")
    app.state.engine, app.state.factory, app.state.provider, app.state.worker = engine, factory, provider, worker
    app.state.audit_writer = AuditWriter(factory)  # draft checks' entries, committed in groups
    app.state.check_turn = Turns(CHECK_THREADS)
    app.state.secure_cookies = secure_cookies
    app.state.trusted_proxies = frozenset(trusted_proxies)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    stack = app.build_middleware_stack
    app.build_middleware_stack = lambda: Guard(Attending(stack(), provider), body_limits(factory),
                                               secure_cookies)  # outermost

    _install_errors(app)
    from . import views
    views.register(app)
    return app


def prepare(engine, factory) -> None:
    """The database made ready for the web application: schema migrated, holidays seeded, the audit head signed."""
    upgrade(engine)
    seed(factory)


def seed(factory) -> None:
    """What a migrated database needs before the web application serves: holidays, the audit head signed."""
    with factory() as s:
        store_config.seed_holidays(s)
        from ..store import audit
        audit.checkpoint_head(s)
        s.commit()


class Turns:
    """A semaphore that lets its waiters in strictly in order of arrival (threading's wake an arbitrary one)."""

    def __init__(self, n: int):
        self._free = n
        self._queue: deque[threading.Event] = deque()
        self._mutex = threading.Lock()

    def __enter__(self) -> None:
        with self._mutex:
            if self._free and not self._queue:
                self._free -= 1
                return
            mine = threading.Event()
            self._queue.append(mine)
        mine.wait()  # the leaving holder hands its turn over (`__exit__`)

    def __exit__(self, *exc) -> None:
        with self._mutex:
            if self._queue:
                self._queue.popleft().set()
            else:
                self._free += 1


class Attending:
    """Counts the HTTP requests in progress for the screener provider: background screening in this process
    gives way to them (`ScreenerProvider.attending`)."""

    def __init__(self, app, provider: ScreenerProvider):
        self.app, self.provider = app, provider

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        with self.provider.attending():
            return await self.app(scope, receive, send)


def client_ip(request: Request) -> str:
    """The client's address: X-Forwarded-For counts only when the connection comes from a configured proxy
    (then the right-most address that is not itself a trusted proxy)."""
    peer = request.client.host if request.client else ""
    trusted = request.app.state.trusted_proxies
    if peer not in trusted:
        return peer
    hops = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop[:100]
    return peer


# --- dependencies ------------------------------------------------------------------------------------

def db(request: Request):
    s: Session = request.app.state.factory()
    request.state.session = s  # the page's own helpers (navigation counters) read through it: one transaction
    try:
        yield s
    except Exception:
        s.rollback()
        raise
    finally:
        s.close()


async def form_data(request: Request):
    return await request.form()


async def _csrf_token_of(request: Request) -> str | None:
    tok = request.headers.get("x-csrf-token")
    if tok:
        return tok
    ctype = request.headers.get("content-type", "")
    if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        v = form.get("csrf_token")
        return v if isinstance(v, str) else None
    return None


async def csrf_guard(request: Request):
    """Reads the submitted CSRF token (header or form field) before the sync endpoint runs."""
    if request.method not in SAFE_METHODS:
        request.state.csrf_submitted = await _csrf_token_of(request)


def current_actor(request: Request, s: Session = Depends(db), _c=Depends(csrf_guard)) -> Actor:
    return authenticate(request, s)


def authenticate(request: Request, s: Session, end: bool = True) -> Actor:
    """The signed-in user of the request, its CSRF token checked on a change (`csrf_guard` has read it).
    `end=False`: the read-only transaction of the lookup stays open for the caller's further reads."""
    read_only(s)  # the sign-in lookup is a read of its own: on SQLite it does not queue for the write lock
    found = auth.signed_in(s, request.cookies.get(COOKIE))
    if found is None:
        raise NotAuthenticated()
    actor, csrf = found
    if end:
        s.commit()  # the page's own transaction begins at its first statement
    request.state.csrf = csrf
    request.state.actor = actor
    if request.method not in SAFE_METHODS:
        sent = getattr(request.state, "csrf_submitted", None)
        if not sent or not secrets.compare_digest(sent, csrf):
            raise AccessDenied("token CSRF tidak sah atau tidak ada; muat ulang halaman lalu coba lagi")
    return actor


# --- rendering ---------------------------------------------------------------------------------------

templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals.update(ROLES=ROLES, SCOPES=SCOPES, version=__version__)


def display_name(actor: Any) -> str:
    """The header's "Name (Role)": the role is left out when the name already says it
    ("Dewi Lestari (Kepatuhan Internal Pusat)", "Pimpinan Ditjenpas", "Administrator")."""
    name = (getattr(actor, "full_name", "") or getattr(actor, "username", "") or "").strip()
    role = ROLES.get(getattr(actor, "role", ""), getattr(actor, "role", ""))
    key = role.split()[0] if role else ""
    if not role or re.search(rf"\b{re.escape(key)}\b", name, re.IGNORECASE):
        return name
    return f"{name} ({role})"


from ..results import field_label  # noqa: E402  (re-exported for the templates)


def _step_record(stage: str, data: dict | None) -> list:
    from ..store.cases import step_record
    return step_record(stage, data)


def _action_label(entry: dict) -> str:
    from ..store.audit import action_label
    return action_label(entry)


def _audit_describe(entry: dict) -> str:
    from ..store.audit import describe
    return describe(entry)


def _audit_object(entry: dict) -> str:
    from ..store.audit import object_label
    return object_label(entry)


def _step_field_label(stage: str, key: str) -> str:
    from ..store.cases import step_field_label
    return step_field_label(stage, key)


templates.env.globals.update(display_name=display_name, step_record=_step_record, action_label=_action_label,
                             step_field_label=_step_field_label, audit_describe=_audit_describe,
                             audit_object=_audit_object)
templates.env.filters["field"] = field_label


def _zone(name: Any) -> str:
    """ "Asia/Makassar" -> "WITA (Asia/Makassar)"."""
    if not name:
        return "-"
    from ..staff.dutytime import zone_label
    label = zone_label(str(name))
    return f"{label} ({name})" if label != name else str(name)


templates.env.filters["zone"] = _zone
@pass_context
def _dt(ctx, v: Any, zone: str | None = None) -> str:
    """A date-time in the unit's own zone (the item's, else the page's), with WIB/WITA/WIT."""
    return display.when(v, zone or ctx.get("tz"))


@pass_context
def _d(ctx, v: Any, zone: str | None = None) -> str:
    return display.when(v, zone or ctx.get("tz"), with_time=False)


templates.env.filters["dt"] = _dt
templates.env.filters["d"] = _d
templates.env.filters["pct"] = display.pct
templates.env.filters["num"] = display.num


def render(request: Request, template: str, data: dict, status: int = 200) -> HTMLResponse:
    actor = getattr(request.state, "actor", None)
    flash = request.cookies.get(FLASH)
    ctx = {"data": data, "actor": actor, "csrf": getattr(request.state, "csrf", ""), "flash": _read_flash(flash),
           "counts": _nav_counts(request, actor),
           "tz": (data.get("tz") if isinstance(data, dict) else None) or getattr(request.state, "user_tz", None),
           "path": request.url.path, "query": dict(request.query_params),
           "api_url": getattr(request.state, "api_url", None)}
    resp = templates.TemplateResponse(request, template, ctx, status_code=status)
    if flash:
        resp.delete_cookie(FLASH, path="/")
    return resp


def _nav_counts(request: Request, actor: Any) -> dict:
    """The navigation's counters (open findings, open cases, unread notices) for a signed-in user."""
    if actor is None:
        return {}
    from ..store import findings, notices
    own = getattr(request.state, "session", None)
    try:
        s = own if own is not None else request.app.state.factory()
        started = not s.in_transaction()  # the page's session may be done (committed, or closed after an error)
        if started:
            read_only(s)
        try:
            out = findings.counts(s, actor)
            out["notices"] = notices.unread(s, actor)
            if actor.unit_id:
                from ..store.models import Unit
                request.state.user_tz = s.scalar(select(Unit.timezone).where(Unit.id == actor.unit_id))
            return out
        finally:
            if own is None:
                s.close()
            elif started:  # end the read begun here
                s.rollback()
    except Exception:  # noqa: BLE001 - counters are a courtesy; a page never fails for them
        log.exception("penghitung navigasi")
        return {}


def _read_flash(v: str | None) -> dict | None:
    if not v:
        return None
    from urllib.parse import unquote
    kind, _, msg = unquote(v).partition("|")
    return {"kind": kind if kind in ("ok", "error") else "ok", "message": msg[:500]}


def redirect(url: str, message: str | None = None, error: bool = False) -> RedirectResponse:
    resp = RedirectResponse(url, status_code=303)
    if message:
        resp.set_cookie(FLASH, quote(f"{'error' if error else 'ok'}|{message}"), max_age=60, httponly=True,
                        samesite="lax", path="/")
    return resp


def twin(app: FastAPI, path: str, template: str, *, tags: list[str] | None = None, summary: str | None = None):
    """Register a GET page at `path` and its JSON twin at `/api{path}`; the function returns the data dict.

    The function's parameters are FastAPI parameters (it must take `s: Session = Depends(db)`);
    the session is committed after it returns (views are audited).
    """
    def deco(fn):
        @functools.wraps(fn)
        def api(*args, **kwargs):
            data = fn(*args, **kwargs)
            kwargs["s"].commit()
            return data

        @functools.wraps(fn)
        def page(*args, **kwargs):
            data = fn(*args, **kwargs)
            kwargs["s"].commit()
            request = kwargs["request"]
            # the JSON twin of exactly this page, filters included (set only when the page rendered)
            request.state.api_url = "/api" + request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return render(request, template, data)

        app.add_api_route("/api" + path, api, methods=["GET"], tags=tags, summary=summary or fn.__doc__,
                          name="api_" + fn.__name__)
        app.add_api_route(path, page, methods=["GET"], include_in_schema=False, response_class=HTMLResponse,
                          name=fn.__name__)
        return fn
    return deco


def _install_errors(app: FastAPI) -> None:
    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(NotAuthenticated)
    async def _unauth(request: Request, exc: NotAuthenticated):
        if wants_json(request):
            return JSONResponse({"detail": "belum masuk"}, status_code=401)
        nxt = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(nxt)}", status_code=303)

    def _page(request: Request, status: int, title: str, message: str):
        if wants_json(request):
            return JSONResponse({"detail": message}, status_code=status)
        return render(request, "error.html", {"title": title, "message": message, "status": status}, status)

    @app.exception_handler(AccessDenied)
    async def _denied(request: Request, exc: AccessDenied):
        return _page(request, 403, "Akses ditolak", str(exc) or "Anda tidak berhak membuka halaman ini.")

    @app.exception_handler(NotFound)
    async def _nf(request: Request, exc: NotFound):
        return _page(request, 404, "Tidak ditemukan", str(exc) or "Halaman atau data tidak ditemukan.")

    @app.exception_handler(Conflict)
    async def _conflict(request: Request, exc: Conflict):
        return _page(request, 409, "Sudah diubah orang lain", str(exc))

    @app.exception_handler(Invalid)
    async def _invalid(request: Request, exc: Invalid):
        return _page(request, 400, "Isian tidak sah", str(exc))

    from fastapi.exception_handlers import request_validation_exception_handler
    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def _bad_params(request: Request, exc: RequestValidationError):
        """A page given a bad query parameter answers with an Indonesian page, not the API's JSON."""
        if wants_json(request):
            return await request_validation_exception_handler(request, exc)
        names = sorted({str(e["loc"][-1]) for e in exc.errors() if e.get("loc")})
        return _page(request, 422, "Isian tidak sah",
                     "Nilai tidak sah pada: " + (", ".join(names) or "permintaan") + ". Periksa isian lalu coba lagi.")

    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            return _page(request, 404, "Tidak ditemukan", "Halaman tidak ditemukan.")
        if exc.status_code == 405:
            return _page(request, 405, "Galat", "Metode permintaan tidak diizinkan untuk alamat ini.")
        if exc.status_code == 413:
            return _page(request, 413, "Terlalu besar", str(exc.detail))
        return _page(request, exc.status_code, "Galat", str(exc.detail))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        """An unexpected error: logged with its trace, answered without details (the headers come from Guard)."""
        log.error("galat tak terduga pada %s %s", request.method, request.url.path, exc_info=exc)
        try:
            return _page(request, 500, "Galat", "Terjadi galat di server dan sudah dicatat. Coba lagi, atau hubungi "
                                                "administrator bila terulang.")
        except Exception:  # noqa: BLE001 - the error page itself failed: plain text
            from fastapi.responses import PlainTextResponse
            return PlainTextResponse("Galat server.", status_code=500)


def spool(upload, path: str, limit: int) -> str:
    """Copy an uploaded file to `path` in blocks (never whole in memory); refuses more than `limit` bytes."""
    name = getattr(upload, "filename", "") or "berkas"
    n = 0
    with open(path, "wb") as out:
        while True:
            block = upload.file.read(1 << 20)
            if not block:
                break
            n += len(block)
            if n > limit:
                raise Invalid(f"{name}: berkas terlalu besar (batas {limit} byte)")
            out.write(block)
    return path


def form_csrf_cookie(response: Response, token: str, secure: bool) -> None:
    response.set_cookie(PRE_CSRF, token, httponly=True, samesite="strict", secure=secure, path="/login", max_age=3600)
