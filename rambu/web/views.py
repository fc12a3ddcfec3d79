"""Routes: every page (Jinja2) has a JSON twin under /api/; forms post to page routes, the API takes JSON."""
from __future__ import annotations

import os
import secrets
import tempfile
from datetime import datetime, timezone
from typing import Any, Optional

from fastapi import Body, Depends, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import __version__
from ..importers import PLATFORMS
from ..store import audit, auth, batches, cases, config, findings, imports, orgs, stats
from ..store.access import ROLE_SCOPES, Actor, AccessDenied, Conflict, Invalid, NotFound
from ..store.db import read_only
from ..store.models import Region, Unit, User
from . import media_view
from .app import (CHECK_IMAGE, CHECK_OCR_TEXT, CHECK_TEXT, COOKIE, PRE_CSRF, authenticate, client_ip, csrf_guard,
                  current_actor, db, form_csrf_cookie, form_data, redirect, render, spool, twin)

RULE_NAMES = findings.RULE_NAMES


MAX_ID = 2**31 - 1  # ids and counts fit the database's integers; beyond is a bad request, never a 500


def _opt_int(v: Any, name: str = "") -> int | None:
    """An id from a query or form field: a whole number 1..2^31-1 (empty = none)."""
    if v in (None, ""):
        return None
    try:
        n = int(str(v).strip())
    except (TypeError, ValueError):
        raise Invalid(f"{name or 'nilai'}: bukan bilangan bulat: {str(v)[:40]!r}") from None
    if not 1 <= n <= MAX_ID:
        raise Invalid(f"{name or 'nilai'}: di luar rentang (1 sampai {MAX_ID}): {str(v)[:40]!r}")
    return n


def _opt_float(v: Any, name: str = "", lo: float = 0.0, hi: float = 1.0) -> float | None:
    """A finite number in [lo, hi] (empty = none); the decimal comma is accepted."""
    import math
    if v in (None, ""):
        return None
    try:
        x = float(str(v).strip().replace(",", "."))
    except (TypeError, ValueError):
        raise Invalid(f"{name or 'nilai'}: bukan angka: {str(v)[:40]!r}") from None
    if not math.isfinite(x) or not lo <= x <= hi:
        raise Invalid(f"{name or 'nilai'}: harus antara {lo:g} dan {hi:g}: {str(v)[:40]!r}")
    return x


def _finding_filters(rule, unit_id, region_id, min_confidence, date_from, date_to, status, staff_id,
                     batch_id, min_pct=None, q=None) -> dict:
    """Query parameters of the review queue (empty form fields = no filter) -> findings.filter_conditions.

    The page filters confidence in percent (`min_pct`, as it shows it); the API also takes `min_confidence` 0..1."""
    pct = _opt_float(min_pct, "keyakinan minimum (%)", 0, 100)
    if pct is not None:
        min_confidence = pct / 100
    d = dict(q=(q or "").strip()[:100] or None, rule=_opt_int(rule, "larangan"), unit_id=_opt_int(unit_id, "unit"), region_id=_opt_int(region_id, "wilayah"),
             min_confidence=_opt_float(min_confidence, "keyakinan minimum"), date_from=date_from or None,
             date_to=date_to or None, status=status or None, staff_id=_opt_int(staff_id, "pegawai"),
             batch_id=_opt_int(batch_id, "batch"))
    if d["rule"] is not None and not 1 <= d["rule"] <= 7:
        raise Invalid(f"larangan: 1 sampai 7, bukan {d['rule']}")
    return {k: v for k, v in d.items() if v is not None}


def _bulk(s: Session, actor: Actor, ids: list[int], verdict: str, reason: str) -> dict:
    """Each finding is reviewed and committed on its own: one taken by someone else does not undo the rest."""
    out = {"done": [], "failed": []}
    for fid in dict.fromkeys(ids):
        try:
            r = findings.review(s, actor, fid, verdict, reason)
            s.commit()
            out["done"].append({"id": fid, "case_id": r["case_id"]})
        except (Invalid, Conflict, NotFound, AccessDenied) as e:
            s.rollback()
            out["failed"].append({"id": fid, "error": str(e)})
    return out


def _bulk_message(r: dict) -> str:
    msg = f"{len(r['done'])} temuan ditinjau."
    if r["failed"]:
        msg += f" {len(r['failed'])} tidak: " + "; ".join(f"#{x['id']}: {x['error']}" for x in r["failed"][:5])
    return msg


def _home(actor: Actor) -> str:
    if actor.can("dashboard"):
        return "/dashboard"
    if actor.can("batches.write"):
        return "/batches"
    return "/check"


def _back(request: Request, default: str) -> str:
    ref = request.headers.get("referer") or ""
    host = request.headers.get("host") or ""
    if ref and host and f"//{host}/" in ref:
        return "/" + ref.split(f"//{host}/", 1)[1]
    return default


class LoginIn(BaseModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=1000)


class ReviewIn(BaseModel):
    verdict: str = Field(description="confirm | dismiss")
    reason: str


class BulkIn(BaseModel):
    ids: list[int] = Field(max_length=500)
    verdict: str = Field(description="confirm | dismiss")
    reason: str


class DefenceIn(BaseModel):
    statement: str = Field(max_length=20000)


class NoticeReadIn(BaseModel):
    id: Optional[int] = None


class ReasonIn(BaseModel):
    reason: str


class RelinkIn(BaseModel):
    nip: Optional[str] = None


class AdvanceIn(BaseModel):
    notes: str = ""
    officer_id: Optional[int] = None
    done_on: Optional[str] = Field(None, description="tanggal tahap dikerjakan YYYY-MM-DD (bawaan: hari ini)")
    stage: Optional[str] = Field(None, description="tahap yang diselesaikan (409 bila sudah diselesaikan orang lain)")
    data: dict[str, Any] = Field(default_factory=dict)


class CorrectIn(BaseModel):
    reason: str
    notes: Optional[str] = None
    data: dict[str, Any] = Field(default_factory=dict)


class AssignIn(BaseModel):
    officer_id: int


class AccountIn(BaseModel):
    platform: str
    handle: str


class UserIn(BaseModel):
    username: str
    full_name: str = ""
    role: str
    scope: str
    region_id: Optional[int] = None
    unit_id: Optional[int] = None
    nip: Optional[str] = None
    email: Optional[str] = None
    password: Optional[str] = None


class UserPatch(BaseModel):
    full_name: Optional[str] = None
    role: Optional[str] = None
    scope: Optional[str] = None
    region_id: Optional[int] = None
    unit_id: Optional[int] = None
    nip: Optional[str] = None
    email: Optional[str] = None
    active: Optional[bool] = None
    unlock: bool = False
    password: Optional[str] = None


class RegionIn(BaseModel):
    code: str
    name: str


class UnitIn(BaseModel):
    code: str
    name: str
    region_id: int
    timezone: str = "Asia/Jakarta"
    city: str = ""
    address: str = ""


class UnitPatch(BaseModel):
    code: Optional[str] = None
    name: Optional[str] = None
    region_id: Optional[int] = None
    timezone: Optional[str] = None
    city: Optional[str] = None
    address: Optional[str] = None


class StaffPatch(BaseModel):
    name: Optional[str] = None
    position: Optional[str] = None
    unit_id: Optional[int] = None
    transfer_from: Optional[str] = Field(None, description="tanggal mutasi YYYY-MM-DD (bawaan: hari ini)")
    timezone: Optional[str] = None
    schedule: Optional[str] = None
    active: Optional[bool] = None


class FactCheckIn(BaseModel):
    claim: str
    verdict: str
    source: str = ""
    published: Optional[str] = None


class HolidayIn(BaseModel):
    name: str


class PasswordIn(BaseModel):
    old_password: str
    new_password: str


def register(app: FastAPI) -> None:  # noqa: C901 - one place listing every route
    # --- sign-in ---------------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def home(request: Request, s: Session = Depends(db)):
        found = auth.signed_in(s, request.cookies.get(COOKIE))
        if not found:
            return RedirectResponse("/login", status_code=303)
        return RedirectResponse(_home(found[0]), status_code=303)

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request, next: str = "", error: str = ""):
        token = secrets.token_urlsafe(24)
        request.state.csrf = token
        resp = render(request, "login.html", {"next": next if next.startswith("/") and not next.startswith("//") else "",
                                              "error": error})
        form_csrf_cookie(resp, token, request.app.state.secure_cookies)
        return resp

    def _set_session(request: Request, resp: Response, token: str) -> None:
        resp.set_cookie(COOKIE, token, httponly=True, samesite="lax", secure=request.app.state.secure_cookies,
                        path="/", max_age=None)

    @app.post("/login", include_in_schema=False)
    def login_submit(request: Request, form=Depends(form_data), s: Session = Depends(db)):
        pre = request.cookies.get(PRE_CSRF)
        sent = form.get("csrf_token")
        nxt = str(form.get("next") or "")
        if not pre or not isinstance(sent, str) or not secrets.compare_digest(pre, sent):
            return RedirectResponse("/login?error=" + "Sesi formulir kedaluwarsa, silakan coba lagi.", status_code=303)
        try:
            user, token, _csrf = auth.login(s, str(form.get("username") or ""), str(form.get("password") or ""),
                                            client_ip(request))
        except auth.AuthError as e:
            from urllib.parse import quote
            return RedirectResponse(f"/login?error={quote(str(e))}&next={quote(nxt)}", status_code=303)
        target = nxt if nxt.startswith("/") and not nxt.startswith("//") else _home(Actor.of(user))
        resp = RedirectResponse(target, status_code=303)
        _set_session(request, resp, token)
        resp.delete_cookie(PRE_CSRF, path="/login")
        return resp

    @app.post("/api/login", tags=["masuk"], summary="Masuk; jawaban berisi csrf_token untuk permintaan berikutnya")
    def api_login(body: LoginIn, request: Request, s: Session = Depends(db)):
        if not request.headers.get("content-type", "").startswith("application/json"):
            raise Invalid("gunakan application/json")
        try:
            user, token, csrf = auth.login(s, body.username, body.password, client_ip(request))
        except auth.AuthError as e:
            return JSONResponse({"detail": str(e)}, status_code=401)
        resp = JSONResponse({"user": Actor.of(user).to_dict(), "csrf_token": csrf})
        _set_session(request, resp, token)
        return resp

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        auth.logout(s, request.cookies.get(COOKIE))
        resp = redirect("/login", "Anda telah keluar.")
        resp.delete_cookie(COOKIE, path="/")
        return resp

    @app.post("/api/logout", tags=["masuk"])
    def api_logout(request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        auth.logout(s, request.cookies.get(COOKIE))
        resp = JSONResponse({"ok": True})
        resp.delete_cookie(COOKIE, path="/")
        return resp

    @twin(app, "/me", "account.html", tags=["masuk"])
    def me(request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Pengguna yang sedang masuk dan hak aksesnya."""
        d = actor.to_dict()
        d["csrf_token"] = request.state.csrf
        u = s.get(Unit, actor.unit_id) if actor.unit_id else None
        r = s.get(Region, actor.region_id) if actor.region_id else None
        d["unit"], d["region"] = (u.name if u else None), (r.name if r else None)
        return d

    @app.post("/me/password", include_in_schema=False)
    def password_form(request: Request, form=Depends(form_data), actor: Actor = Depends(current_actor),
                      s: Session = Depends(db)):
        try:
            auth.change_own_password(s, actor, str(form.get("old_password") or ""), str(form.get("new_password") or ""),
                                     request.cookies.get(COOKIE))
        except Invalid as e:
            return redirect("/me", str(e), error=True)
        s.commit()
        return redirect("/me", "Kata sandi diubah; sesi Anda di perangkat lain telah diakhiri.")

    @app.post("/api/me/password", tags=["masuk"])
    def api_password(request: Request, body: PasswordIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        auth.change_own_password(s, actor, body.old_password, body.new_password, request.cookies.get(COOKIE))
        s.commit()
        return {"ok": True}

    # --- pre-publication check -------------------------------------------------------------------------
    def _do_check(request: Request, s: Session, actor: Actor, text: str, ocr_text: str, image: UploadFile | None):
        actor.require("check")
        import os
        import shutil
        import tempfile
        from ..cli import SUGGESTIONS
        text = (text or "").strip()
        if not text and not (image and image.filename) and not ocr_text.strip():
            raise Invalid("tempelkan draf unggahan atau pilih gambar, video, atau audio")
        if len(text) > CHECK_TEXT:
            raise Invalid(f"draf terlalu panjang (maks. {CHECK_TEXT:,} karakter)".replace(",", "."))
        if len(ocr_text) > CHECK_OCR_TEXT:
            raise Invalid(f"teks gambar terlalu panjang (maks. {CHECK_OCR_TEXT:,} karakter)".replace(",", "."))
        read_only(s)
        screener = request.app.state.provider.get(s)
        s.commit()  # screen with no transaction open: a batch's writes (and other checks) do not wait for it
        activity: dict[str, Any] = {"id": "draf", "type": "post",
                                    "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        if text:
            activity["text"] = text
        tmp = None
        media_info = None
        try:
            if image is not None and image.filename:
                kind = media_view.upload_kind(image.filename, image.content_type)
                tmp = tempfile.mkdtemp(prefix="rambu-check-")
                name = {"image": "gambar", "video": "video", "audio": "audio"}[kind] + \
                    os.path.splitext(image.filename)[1][:8].lower()
                media_info = media_view.save_upload(image.file, os.path.join(tmp, name), kind)
                media_info.update(filename=image.filename, kind=kind)
                m: dict[str, Any] = {"kind": kind, "path": name}
                if ocr_text.strip() and kind == "image":
                    m["ocr_text"] = ocr_text.strip()
                activity["media"] = [m]
            elif ocr_text.strip():
                activity["media"] = [{"kind": "image", "ocr_text": ocr_text.strip()}]
            from ..contract.activity import parse_activity
            act = parse_activity(activity, tmp)
            result = request.app.state.provider.screen_with(screener, act, draft=True)
            visuals = media_view.draft_visuals(activity, result, tmp)
        finally:
            if tmp:
                shutil.rmtree(tmp, ignore_errors=True)
        # the author reads the violations first, the surest first: the rules' own order says nothing to them
        result["findings"] = sorted(result.get("findings", []),
                                    key=lambda f: (bool(f.get("needs_review")), -f["confidence"], f["rule"]))
        for f in result["findings"]:
            f["suggestion"] = SUGGESTIONS.get(f["rule"], "Tinjau ulang isi sebelum mengunggah.")
            f["rule_name"] = RULE_NAMES.get(f["rule"], "")
        return {"text": text, "ocr_text": ocr_text, "result": result, "media": media_info,
                "marked": _marked(text, result), "visuals": visuals}

    async def _checked(request: Request, text: str, ocr_text: str, image: UploadFile | None) -> dict:
        """Sign-in lookup and screening, `CHECK_THREADS` checks at a time in order of arrival, then the audit
        entry, committed together with other checks' entries before the answer. One trip to a thread."""
        state = request.app.state

        def check() -> dict:
            with state.check_turn, state.factory() as s:
                actor = authenticate(request, s, end=False)  # one read transaction with the settings' read
                data = _do_check(request, s, actor, text, ocr_text, image)
            result = data["result"]
            state.audit_writer.record(actor, "check.draft", "check", "", detail={
                "decision": result.get("decision"), "rules": [f["rule"] for f in result.get("findings", [])]})
            return data

        return await run_in_threadpool(check)

    @app.get("/check", response_class=HTMLResponse, include_in_schema=False)
    def check_page(request: Request, actor: Actor = Depends(current_actor)):
        actor.require("check")
        return render(request, "check.html", {"text": "", "result": None})

    @app.post("/check", response_class=HTMLResponse, include_in_schema=False)
    async def check_submit(request: Request, form=Depends(form_data), _c=Depends(csrf_guard)):
        image = form.get("image")
        try:
            data = await _checked(request, str(form.get("text") or ""), str(form.get("ocr_text") or ""),
                                  image if hasattr(image, "filename") else None)
        except Invalid as e:
            return await run_in_threadpool(render, request, "check.html", {
                "text": form.get("text") or "", "result": None, "error": str(e)}, 400)
        return await run_in_threadpool(render, request, "check.html", data)

    @app.post("/api/check", tags=["cek sebelum unggah"],
              summary="Periksa draf unggahan (teks dan/atau gambar, video, audio pada kolom image) sebelum diunggah; "
                      "draf tidak disimpan")
    async def api_check(request: Request, text: str = Form(""), ocr_text: str = Form(""),
                        image: Optional[UploadFile] = File(None), _c=Depends(csrf_guard)):
        # already JSON's own types (the engine's result as stored): FastAPI's encoder pass would copy it again
        return JSONResponse(await _checked(request, text, ocr_text, image))

    # --- review queue -----------------------------------------------------------------------------------
    @twin(app, "/findings", "findings.html", tags=["temuan"])
    def findings_list(request: Request, rule: Optional[str] = None, unit_id: Optional[str] = None,
                      region_id: Optional[str] = None, min_confidence: Optional[str] = None,
                      min_pct: Optional[str] = Query(None, description="keyakinan minimum dalam persen (0-100)"),
                      q: Optional[str] = Query(None, description="cari di teks aktivitas, penjelasan, NIP, nama"),
                      sort: str = Query("prioritas", description="prioritas | keyakinan | keyakinan_naik | terbaru | terlama | larangan"),
                      date_from: Optional[str] = None, date_to: Optional[str] = None, status: str = "open",
                      staff_id: Optional[str] = None,
                      batch_id: Optional[str] = Query(None, description="hanya temuan dari batch ini"),
                      limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_ID),
                      actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Antrean tinjauan: temuan disaring menurut larangan, unit, wilayah, keyakinan, tanggal, status, batch."""
        d = findings.list_findings(s, actor, limit=limit, offset=offset, sort=sort or "prioritas", **_finding_filters(
            rule, unit_id, region_id, min_confidence, date_from, date_to, status or "open", staff_id, batch_id,
            min_pct, q))
        d["sorts"] = {k: label for k, (label, _) in findings.SORTS.items()}
        d["can_review"] = actor.can("findings.review")
        d["units"] = orgs.list_units(s, actor)
        d["regions"] = orgs.list_regions(s, actor)
        d["rules"] = RULE_NAMES
        return d

    @twin(app, "/findings/{finding_id}", "finding.html", tags=["temuan"])
    def finding_detail(finding_id: int, request: Request, actor: Actor = Depends(current_actor),
                       s: Session = Depends(db)):
        """Satu temuan dengan bukti, aktivitas asli, versi mesin dan model, riwayat tinjauan."""
        d = findings.finding_page(s, actor, finding_id)
        d["next_id"] = findings.next_open(s, actor, after=finding_id)
        d["marked"] = _marked_fields(d.get("activity"), d.get("evidence") or [])
        d["visuals"] = media_view.visuals(d.get("batch_id"), d.get("activity"), d.get("evidence"))
        return d

    @app.post("/findings/{finding_id}/review", include_in_schema=False)
    def review_form(finding_id: int, request: Request, form=Depends(form_data), actor: Actor = Depends(current_actor),
                    s: Session = Depends(db)):
        try:
            r = findings.review(s, actor, finding_id, str(form.get("verdict") or ""), str(form.get("reason") or ""))
        except (Invalid, Conflict) as e:
            return redirect(f"/findings/{finding_id}", str(e), error=True)
        s.commit()
        done = (f"Temuan #{finding_id} dikonfirmasi; masuk kasus {r['case_number']}." if r["case_id"]
                else f"Temuan #{finding_id} ditolak; alasan disimpan untuk pelatihan ulang.")
        if r["next_id"] and form.get("stay") != "1":  # straight on to the next finding waiting for review
            return redirect(f"/findings/{r['next_id']}", f"{done} Berikutnya: temuan #{r['next_id']}.")
        return redirect(f"/findings/{finding_id}", done + (" Antrean kosong." if not r["next_id"] else ""))

    @app.post("/findings/bulk", include_in_schema=False)
    def bulk_form(request: Request, form=Depends(form_data), actor: Actor = Depends(current_actor),
                  s: Session = Depends(db)):
        ids = [i for i in (_opt_int(x, "temuan") for x in form.getlist("ids")) if i]
        r = _bulk(s, actor, ids, str(form.get("verdict") or ""), str(form.get("reason") or ""))
        back = _back(request, "/findings")
        if not ids:
            return redirect(back, "Pilih temuan dulu (kotak centang di kiri).", error=True)
        return redirect(back, _bulk_message(r), error=bool(r["failed"]))

    @app.post("/api/findings/bulk", tags=["temuan"],
              summary="Konfirmasi atau tolak banyak temuan dengan satu alasan; tiap temuan ditinjau tersendiri")
    def api_bulk(body: BulkIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        if len(body.ids) > 500:
            raise Invalid("paling banyak 500 temuan sekaligus")
        return _bulk(s, actor, body.ids, body.verdict, body.reason)

    @app.post("/api/findings/{finding_id}/review", tags=["temuan"],
              summary="Konfirmasi atau tolak temuan dengan alasan; konfirmasi membuka atau menggabungkan kasus")
    def api_review(finding_id: int, body: ReviewIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        r = findings.review(s, actor, finding_id, body.verdict, body.reason)
        s.commit()
        return r

    @app.post("/findings/{finding_id}/reopen", include_in_schema=False)
    def reopen_form(finding_id: int, form=Depends(form_data), actor: Actor = Depends(current_actor),
                    s: Session = Depends(db)):
        try:
            findings.reopen(s, actor, finding_id, str(form.get("reason") or ""))
        except (Invalid, Conflict) as e:
            return redirect(f"/findings/{finding_id}", str(e), error=True)
        s.commit()
        return redirect(f"/findings/{finding_id}", "Tinjauan dibuka ulang; temuan kembali menunggu tinjauan.")

    @app.post("/api/findings/{finding_id}/reopen", tags=["temuan"],
              summary="Buka ulang tinjauan (petugas senior) dengan alasan; tercatat di log audit")
    def api_reopen(finding_id: int, body: ReasonIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        d = findings.reopen(s, actor, finding_id, body.reason)
        s.commit()
        return d

    @app.post("/findings/{finding_id}/relink", include_in_schema=False)
    def relink_form(finding_id: int, form=Depends(form_data), actor: Actor = Depends(current_actor),
                    s: Session = Depends(db)):
        try:
            d = findings.relink(s, actor, finding_id, str(form.get("nip") or "") or None)
        except Invalid as e:
            return redirect(f"/findings/{finding_id}", str(e), error=True)
        s.commit()
        return redirect(f"/findings/{finding_id}", f"Temuan ditautkan ke {d['staff_name']}.")

    @app.post("/api/findings/{finding_id}/relink", tags=["temuan"],
              summary="Tautkan temuan pelaku tak dikenal ke pegawai (NIP aktivitas atau NIP yang diberikan)")
    def api_relink(finding_id: int, body: RelinkIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        d = findings.relink(s, actor, finding_id, body.nip)
        s.commit()
        return d

    # --- cases ------------------------------------------------------------------------------------------
    @twin(app, "/cases", "cases.html", tags=["kasus"])
    def cases_list(request: Request, status: str = "open", unit_id: Optional[str] = None, overdue: bool = False,
                   stage: Optional[str] = None, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_ID),
                   actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Daftar kasus etik (bawaan: yang masih berjalan)."""
        d = cases.list_cases(s, actor, status=status, unit_id=_opt_int(unit_id), overdue=overdue, stage=stage,
                             limit=limit, offset=offset)
        d["units"] = orgs.list_units(s, actor)
        d["stages"] = [{"key": k, "label": label} for k, label, _ in config.STAGES]
        d["filters"] = {"status": status, "unit_id": unit_id, "overdue": overdue, "stage": stage}
        return d

    @twin(app, "/cases/{case_id}", "case.html", tags=["kasus"])
    def case_detail(case_id: int, request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Satu kasus: tahap, petugas, batas waktu, temuan, dokumen, riwayat (setiap pembukaan dicatat di log audit)."""
        d = cases.case_page(s, actor, case_id)
        c = cases.get_case(s, actor, case_id)
        d["officers"] = cases.officers(s, actor, c) if actor.can("cases.write") else []
        d["can_write"] = actor.can("cases.write")
        d["today"] = cases.local_today(c).isoformat()
        return d

    @app.post("/cases/{case_id}/advance", include_in_schema=False)
    def advance_form(case_id: int, form=Depends(form_data), actor: Actor = Depends(current_actor),
                     s: Session = Depends(db)):
        data = {k: v for k, v in form.items()
                if k not in ("csrf_token", "notes", "officer_id", "done_on", "stage") and isinstance(v, str)}
        try:
            d = cases.advance(s, actor, case_id, str(form.get("notes") or ""), data, _opt_int(form.get("officer_id")),
                              str(form.get("done_on") or "") or None, str(form.get("stage") or "") or None)
        except (Invalid, Conflict) as e:
            return redirect(f"/cases/{case_id}", str(e), error=True)
        s.commit()
        return redirect(f"/cases/{case_id}", f"Tahap selesai; sekarang: {d['stage_label']}.")

    @app.post("/api/cases/{case_id}/advance", tags=["kasus"],
              summary="Selesaikan tahap berjalan dengan catatannya dan mulai tahap berikutnya")
    def api_advance(case_id: int, body: AdvanceIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        d = cases.advance(s, actor, case_id, body.notes, body.data, body.officer_id, body.done_on, body.stage)
        s.commit()
        return d

    @app.post("/cases/{case_id}/steps/{step_id}/correct", include_in_schema=False)
    def correct_form(case_id: int, step_id: int, form=Depends(form_data), actor: Actor = Depends(current_actor),
                     s: Session = Depends(db)):
        data = {k: v for k, v in form.items() if k not in ("csrf_token", "notes", "reason") and isinstance(v, str)}
        try:
            cases.correct_step(s, actor, case_id, step_id, str(form.get("reason") or ""), data,
                               str(form.get("notes")) if form.get("notes") is not None else None)
        except Invalid as e:
            return redirect(f"/cases/{case_id}", str(e), error=True)
        s.commit()
        return redirect(f"/cases/{case_id}", "Catatan tahap dikoreksi; alasannya tercatat di log audit.")

    @app.post("/api/cases/{case_id}/steps/{step_id}/correct", tags=["kasus"],
              summary="Koreksi catatan tahap yang sudah selesai, dengan alasan (log audit); dokumennya dibuat ulang")
    def api_correct(case_id: int, step_id: int, body: CorrectIn, actor: Actor = Depends(current_actor),
                    s: Session = Depends(db)):
        d = cases.correct_step(s, actor, case_id, step_id, body.reason, body.data, body.notes)
        s.commit()
        return d

    @app.post("/cases/{case_id}/documents/{kind}", include_in_schema=False)
    def regenerate_form(case_id: int, kind: str, form=Depends(form_data), actor: Actor = Depends(current_actor),
                        s: Session = Depends(db)):
        try:
            cases.regenerate(s, actor, case_id, kind)
        except Invalid as e:
            return redirect(f"/cases/{case_id}", str(e), error=True)
        s.commit()
        return redirect(f"/cases/{case_id}", "Dokumen dibuat ulang; versi sebelumnya tetap tersimpan.")

    @app.post("/api/cases/{case_id}/documents/{kind}", tags=["kasus"],
              summary="Buat ulang dokumen kasus (summons, hearing_minutes, decision) dari catatannya")
    def api_regenerate(case_id: int, kind: str, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        d = cases.regenerate(s, actor, case_id, kind)
        s.commit()
        return d

    @app.post("/cases/{case_id}/assign", include_in_schema=False)
    def assign_form(case_id: int, form=Depends(form_data), actor: Actor = Depends(current_actor),
                    s: Session = Depends(db)):
        try:
            cases.assign(s, actor, case_id, _opt_int(form.get("officer_id")) or 0)
        except Invalid as e:
            return redirect(f"/cases/{case_id}", str(e), error=True)
        s.commit()
        return redirect(f"/cases/{case_id}", "Petugas penanggung jawab diubah.")

    @app.post("/api/cases/{case_id}/assign", tags=["kasus"], summary="Ganti petugas penanggung jawab tahap berjalan")
    def api_assign(case_id: int, body: AssignIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        d = cases.assign(s, actor, case_id, body.officer_id)
        s.commit()
        return d

    def _attach(request: Request, s: Session, actor: Actor, case_id: int, upload, kind: str, title: str) -> dict:
        import tempfile
        from .app import ATTACHMENT
        if upload is None or not getattr(upload, "filename", None):
            raise Invalid("pilih berkas lampiran")
        with tempfile.TemporaryDirectory(prefix="rambu-attach-") as d:
            path = spool(upload, os.path.join(d, "berkas"), ATTACHMENT)
            a = cases.attach(s, actor, case_id, kind, title, upload.filename, path,
                             getattr(upload, "content_type", "") or "")
        s.commit()
        return {"id": a.id, "filename": a.filename, "sha256": a.sha256, "size": a.size}

    @app.post("/cases/{case_id}/attachments", include_in_schema=False)
    def attach_form(case_id: int, request: Request, form=Depends(form_data), actor: Actor = Depends(current_actor),
                    s: Session = Depends(db)):
        try:
            a = _attach(request, s, actor, case_id, form.get("file"), str(form.get("kind") or ""),
                        str(form.get("title") or ""))
        except Invalid as e:
            return redirect(f"/cases/{case_id}", str(e), error=True)
        return redirect(f"/cases/{case_id}", f"Lampiran {a['filename']} disimpan (SHA-256 {a['sha256'][:16]}…).")

    @app.post("/api/cases/{case_id}/attachments", tags=["kasus"], status_code=201,
              summary="Lampirkan surat bertanda tangan atau berkas bukti (disimpan dengan SHA-256)")
    def api_attach(case_id: int, request: Request, file: UploadFile = File(...), kind: str = Form("evidence"),
                   title: str = Form(""), actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        return _attach(request, s, actor, case_id, file, kind, title)

    @app.get("/attachments/{attachment_id}", include_in_schema=False)
    @app.get("/api/attachments/{attachment_id}", tags=["kasus"], summary="Unduh lampiran kasus")
    def attachment(attachment_id: int, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        from urllib.parse import quote as urlquote
        a = cases.get_attachment(s, actor, attachment_id)
        s.commit()
        return Response(a.content, media_type="application/octet-stream",
                        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{urlquote(a.filename)}",
                                 "X-Content-SHA256": a.sha256})

    # --- the employee's own record --------------------------------------------------------------------------
    @twin(app, "/saya", "saya.html", tags=["pegawai"])
    def mine(request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Temuan yang dikonfirmasi dan kasus atas nama pengguna sendiri (pegawai), dengan surat untuknya."""
        from ..store import selfservice
        return selfservice.my_record(s, actor)

    @app.post("/saya/cases/{case_id}/defence", include_in_schema=False)
    def defence_form(case_id: int, form=Depends(form_data), actor: Actor = Depends(current_actor),
                     s: Session = Depends(db)):
        from ..store import selfservice
        try:
            selfservice.submit_defence(s, actor, case_id, str(form.get("statement") or ""))
        except Invalid as e:
            return redirect("/saya", str(e), error=True)
        s.commit()
        return redirect("/saya", "Keterangan dan pembelaan Anda diterima dan diteruskan ke majelis.")

    @app.post("/api/saya/cases/{case_id}/defence", tags=["pegawai"],
              summary="Pegawai menyampaikan keterangan dan pembelaan tertulis untuk kasusnya (tahap pembelaan)")
    def api_defence(case_id: int, body: DefenceIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        from ..store import selfservice
        selfservice.submit_defence(s, actor, case_id, body.statement)
        s.commit()
        return {"ok": True}

    # --- notifications -----------------------------------------------------------------------------------
    @twin(app, "/notifications", "notifications.html", tags=["pemberitahuan"])
    def notifications(request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Pemberitahuan untuk pengguna: temuan baru, tahap kasus, batas waktu."""
        from ..store import notices
        return notices.list_notices(s, actor)

    @app.post("/notifications/read", include_in_schema=False)
    def notices_read_form(form=Depends(form_data), actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        from ..store import notices
        notices.mark_read(s, actor, _opt_int(form.get("id"), "pemberitahuan"))
        s.commit()
        return redirect("/notifications", "Ditandai sudah dibaca.")

    @app.post("/api/notifications/read", tags=["pemberitahuan"], summary="Tandai pemberitahuan sudah dibaca (semua bila id kosong)")
    def api_notices_read(body: NoticeReadIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        from ..store import notices
        n = notices.mark_read(s, actor, body.id)
        s.commit()
        return {"read": n}

    def _document(doc_id: int, actor: Actor, s: Session) -> Response:
        doc = cases.get_document(s, actor, doc_id)
        s.commit()
        return Response(doc.content, media_type="application/pdf",
                        headers={"Content-Disposition": f'attachment; filename="{doc.filename}"',
                                 "X-Content-SHA256": doc.sha256})

    @app.get("/documents/{doc_id}", include_in_schema=False)
    def document(doc_id: int, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        return _document(doc_id, actor, s)

    @app.get("/api/documents/{doc_id}", tags=["kasus"], summary="Unduh dokumen kasus (PDF)")
    def api_document(doc_id: int, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        return _document(doc_id, actor, s)

    # --- staff ------------------------------------------------------------------------------------------
    @twin(app, "/staff", "staff_list.html", tags=["pegawai"])
    def staff_list(request: Request, q: str = "", unit_id: Optional[str] = None, limit: int = Query(100, ge=1, le=1000),
                   offset: int = Query(0, ge=0, le=MAX_ID), actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Direktori pegawai dalam cakupan pengguna."""
        d = orgs.list_staff(s, actor, q=q, unit_id=_opt_int(unit_id), limit=limit, offset=offset)
        d["units"] = orgs.list_units(s, actor)
        d["q"] = q
        return d

    @twin(app, "/staff/{staff_id}", "staff.html", tags=["pegawai"])
    def staff_detail(staff_id: int, request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Halaman pegawai: akun yang dipantau, temuan, kasus, pelanggaran berulang."""
        d = orgs.staff_page(s, actor, staff_id)
        d["platforms"] = orgs.PLATFORMS
        d["can_accounts"] = actor.can("staff.accounts")
        d["can_edit"] = actor.can("staff.write")
        d["units"] = orgs.list_units(s, actor) if d["can_edit"] else []
        return d

    @app.post("/staff/{staff_id}/accounts", include_in_schema=False)
    def account_form(staff_id: int, form=Depends(form_data), actor: Actor = Depends(current_actor),
                     s: Session = Depends(db)):
        try:
            orgs.add_account(s, actor, staff_id, str(form.get("platform") or ""), str(form.get("handle") or ""))
        except Invalid as e:
            return redirect(f"/staff/{staff_id}", str(e), error=True)
        s.commit()
        return redirect(f"/staff/{staff_id}", "Akun didaftarkan untuk dipantau.")

    @app.post("/api/staff/{staff_id}/accounts", tags=["pegawai"], summary="Daftarkan akun media sosial pegawai untuk dipantau")
    def api_account(staff_id: int, body: AccountIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        a = orgs.add_account(s, actor, staff_id, body.platform, body.handle)
        s.commit()
        return {"id": a.id, "platform": a.platform, "handle": a.handle, "watched": a.watched}

    @app.post("/staff/accounts/{account_id}/watch", include_in_schema=False)
    def watch_form(account_id: int, request: Request, form=Depends(form_data), actor: Actor = Depends(current_actor),
                   s: Session = Depends(db)):
        try:
            orgs.set_account_watched(s, actor, account_id, form.get("watched") == "1")
        except Invalid as e:
            return redirect(_back(request, "/staff"), str(e), error=True)
        s.commit()
        return redirect(_back(request, "/staff"), "Status pemantauan akun diubah.")

    # --- batches ----------------------------------------------------------------------------------------
    @twin(app, "/batches", "batches.html", tags=["batch"])
    def batches_list(request: Request, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_ID),
                     actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Batch aktivitas yang diunggah dan kemajuan penyaringannya."""
        d = batches.list_batches(s, actor, limit=limit, offset=offset)
        d["units"] = orgs.list_units(s, actor) if actor.can("batches.write") else []
        d["can_upload"] = actor.can("batches.write")
        d["staff"] = (orgs.list_staff(s, actor, limit=500)["items"]
                      if d["can_upload"] and actor.can("staff.read") else [])
        d["platforms"] = ["auto", *PLATFORMS]
        return d

    def _upload(request: Request, s: Session, actor: Actor, file, media: list, unit_id, nip=None, platform=None,
                sender=None) -> dict:
        import tempfile
        from sqlalchemy.exc import IntegrityError
        from ..store.intake import accept_file
        if file is None or not getattr(file, "filename", None):
            raise Invalid("pilih berkas JSON Lines aktivitas atau ekspor platform")
        limit = int(config.get(s, "batch.max_upload_mb")) * 1024 * 1024
        with tempfile.TemporaryDirectory(prefix="rambu-upload-") as d:  # streamed to disk, never whole in memory
            path = spool(file, os.path.join(d, "batch"), limit)
            with open(path, "rb") as f:
                head = f.read(8192)
            try:
                if imports.is_archive_upload(file.filename, head):  # a platform export or a ZIP of JSON Lines
                    b = imports.start_import(s, actor, path, file.filename, unit_id=_opt_int(unit_id), nip=nip,
                                             platform=platform or "auto", sender=sender)
                    request.app.state.worker.import_waiting(s, b.id)  # a job: a large export takes a minute
                    s.commit()
                    return batches.get_batch(s, actor, b.id)
                files = [(m.filename, spool(m, os.path.join(d, f"media-{i}"), limit))
                         for i, m in enumerate(media) if getattr(m, "filename", None)]
                b = accept_file(s, actor, path, file.filename, files, _opt_int(unit_id))
                request.app.state.worker.batch_waiting(s, b.id)
                s.commit()
            except IntegrityError:  # the same activities arrived at the same moment in another upload
                s.rollback()
                raise Conflict("unggahan lain dengan aktivitas yang sama sedang disimpan; unggah ulang sebentar "
                               "lagi (aktivitas yang sudah diterima akan dilaporkan)") from None
        return batches.get_batch(s, actor, b.id)

    @app.post("/batches", include_in_schema=False)
    def upload_form(request: Request, form=Depends(form_data), actor: Actor = Depends(current_actor),
                    s: Session = Depends(db)):
        try:
            d = _upload(request, s, actor, form.get("file"), form.getlist("media"), form.get("unit_id"),
                        form.get("nip"), form.get("platform"), form.get("sender"))
        except Invalid as e:
            return redirect("/batches", str(e), error=True)
        if d["status"] == imports.IMPORTING:
            return redirect(f"/batches/{d['id']}", "Arsip diterima dan disimpan; impor berjalan di latar belakang, "
                                                   "lalu penyaringan. Halaman ini menampilkan hasilnya.")
        return redirect(f"/batches/{d['id']}", f"Batch diterima dan disimpan ({d['total_lines']} baris); penyaringan berjalan.")

    @app.post("/api/batches", tags=["batch"], status_code=201,
              summary="Unggah batch: JSON Lines kontrak dengan media, ZIP berisi JSON Lines dan media, atau ekspor "
                      "platform (Instagram, Facebook, X, TikTok, YouTube, WhatsApp) untuk satu pegawai; disimpan "
                      "sebelum disaring. Arsip diimpor di latar belakang (status importing); hasil impornya pada "
                      "GET /api/batches/{id}, kunci \"import\"")
    def api_upload(request: Request, file: UploadFile = File(...), media: list[UploadFile] = File(default=[]),
                   unit_id: Optional[int] = Form(None),
                   nip: Optional[str] = Form(None, description="NIP pegawai pemilik ekspor platform"),
                   platform: Optional[str] = Form(None, description="auto (bawaan), instagram, facebook, x, tiktok, "
                                                                    "youtube, whatsapp"),
                   sender: Optional[str] = Form(None, description="nama pegawai di obrolan WhatsApp"),
                   actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        return _upload(request, s, actor, file, media, unit_id, nip, platform, sender)

    @twin(app, "/batches/{batch_id}", "batch.html", tags=["batch"])
    def batch_detail(batch_id: int, request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Satu batch: kemajuan, baris yang galat, berkas media dengan SHA-256."""
        return batches.get_batch(s, actor, batch_id)

    @app.post("/batches/{batch_id}/rescreen", include_in_schema=False)
    def rescreen_form(batch_id: int, request: Request, form=Depends(form_data), actor: Actor = Depends(current_actor),
                      s: Session = Depends(db)):
        n = batches.rescreen(s, actor, batch_id)
        if n:
            request.app.state.worker.batch_waiting(s, batch_id)
        s.commit()
        return redirect(f"/batches/{batch_id}", f"{n} baris disaring ulang.")

    @app.post("/api/batches/{batch_id}/rescreen", tags=["batch"],
              summary="Saring ulang baris yang gagal disaring (galat mesin, bukan masukan yang salah)")
    def api_rescreen(batch_id: int, request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        n = batches.rescreen(s, actor, batch_id)
        if n:
            request.app.state.worker.batch_waiting(s, batch_id)
        s.commit()
        return {"lines": n}

    @app.get("/api/batches/{batch_id}/raw", tags=["batch"], summary="Baris batch sebagaimana diterima (JSON Lines)")
    def batch_raw(batch_id: int, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        data = batches.batch_raw(s, actor, batch_id)
        audit.record(s, actor, "batch.download", "batch", batch_id)
        s.commit()
        return Response(data, media_type="application/x-ndjson",
                        headers={"Content-Disposition": f'attachment; filename="batch-{batch_id}.jsonl"'})

    @app.get("/api/batches/{batch_id}/media/{path:path}", tags=["batch"], summary="Berkas media batch (apa adanya)")
    def batch_media(batch_id: int, path: str, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        if not actor.can("findings.read"):
            raise AccessDenied("berkas media hanya untuk pemeriksa")
        m = batches.media_file(s, actor, batch_id, path)
        audit.record(s, actor, "media.view", "batch", batch_id, detail={"path": path, "sha256": m.sha256})
        s.commit()
        return Response(m.content, media_type="application/octet-stream",
                        headers={"Content-Disposition": "attachment", "X-Content-SHA256": m.sha256})

    @app.get("/api/batches/{batch_id}/frame/{path:path}", tags=["batch"],
             summary="Bingkai video batch pada detik t (JPEG), untuk bukti dari video")
    def batch_frame(batch_id: int, path: str, t: float = Query(0.0, ge=0), actor: Actor = Depends(current_actor),
                    s: Session = Depends(db)):
        if not actor.can("findings.read"):
            raise AccessDenied("berkas media hanya untuk pemeriksa")
        m = batches.media_file(s, actor, batch_id, path)
        jpeg = media_view.frame_jpeg(m.content, t)
        if not jpeg:
            raise NotFound(f"tidak ada bingkai video pada detik {t:g} di {path}")
        audit.record(s, actor, "media.view", "batch", batch_id, detail={"path": path, "sha256": m.sha256, "t": t})
        s.commit()
        return Response(jpeg, media_type="image/jpeg", headers={"X-Content-SHA256": m.sha256})

    # --- dashboard, export, report ------------------------------------------------------------------------
    @twin(app, "/dashboard", "dashboard.html", tags=["dasbor"])
    def dashboard(request: Request, date_from: Optional[str] = None, date_to: Optional[str] = None,
                  actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Dasbor pimpinan: temuan dan kasus per larangan, unit, wilayah, bulan; waktu sampai putusan; tren."""
        d = stats.dashboard(s, actor, date_from=date_from, date_to=date_to)
        if request.url.path.startswith("/api/"):
            return d
        d["charts"] = stats.charts(d)
        return d

    @app.get("/export/{table}.{fmt}", include_in_schema=False)
    @app.get("/api/export/{table}.{fmt}", tags=["dasbor"], summary="Ekspor tabel temuan atau kasus (csv, xlsx)")
    def export(table: str, fmt: str, rule: Optional[str] = None, unit_id: Optional[str] = None,
               region_id: Optional[str] = None, min_confidence: Optional[str] = None,
               date_from: Optional[str] = None, date_to: Optional[str] = None, status: Optional[str] = None,
               staff_id: Optional[str] = None, batch_id: Optional[str] = None, min_pct: Optional[str] = None,
               q: Optional[str] = None, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        from ..store import paperwork
        filters = {}
        if table == "findings":  # the review queue's filters (status absent = every status)
            filters = _finding_filters(rule, unit_id, region_id, min_confidence, date_from, date_to, status,
                                       staff_id, batch_id, min_pct, q)
        rows, cols = stats.export_rows(s, actor, table, **filters)
        s.commit()
        stamp = datetime.now().strftime("%Y%m%d")
        if fmt == "csv":
            return Response(paperwork.to_csv(rows, cols), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="rambu-{stats.EXPORT_NAMES[table]}-{stamp}.csv"'})
        if fmt == "xlsx":
            return Response(paperwork.to_xlsx(rows, cols, sheet=stats.EXPORT_NAMES[table].capitalize()),
                            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            headers={"Content-Disposition": f'attachment; filename="rambu-{stats.EXPORT_NAMES[table]}-{stamp}.xlsx"'})
        raise NotFound("format tidak dikenal (csv atau xlsx)")

    @app.get("/reports/summary.pdf", include_in_schema=False)
    @app.get("/api/reports/summary.pdf", tags=["dasbor"], summary="Laporan ringkas (PDF)")
    def report(date_from: Optional[str] = None, date_to: Optional[str] = None,
               actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        from ..store import paperwork
        actor.require("export")
        d = stats.dashboard(s, actor, date_from=date_from, date_to=date_to)
        period = f"{date_from or 'awal'} s.d. {date_to or 'sekarang'}"
        zone = s.scalar(select(Unit.timezone).where(Unit.id == actor.unit_id)) if actor.unit_id else None
        from ..display import local
        from ..store.models import utcnow
        pdf = paperwork.report(f"Laporan Etika Bermedia Sosial Pegawai Pemasyarakatan ({period})",
                               stats.report_sections(d), generated_at=local(utcnow(), zone))
        audit.record(s, actor, "report", "report", "summary", detail={"date_from": date_from, "date_to": date_to})
        s.commit()
        return Response(pdf, media_type="application/pdf",
                        headers={"Content-Disposition": 'attachment; filename="rambu-laporan.pdf"'})

    # --- administration ---------------------------------------------------------------------------------
    from . import admin, operations
    admin.register(app)
    operations.register(app)  # job queues, re-screening

    @app.get("/healthz", include_in_schema=False)
    def healthz(request: Request):
        w = request.app.state.worker
        return {"ok": True, "version": __version__, "worker": w.alive(),
                "worker_error": w.last_error}


def _marked(text: str, result: dict) -> list[dict]:
    """The draft split into plain and marked parts (evidence of field `text`), for highlighting."""
    spans = []
    for i, f in enumerate(result.get("findings", []), 1):
        for e in f.get("evidence", []):
            if e.get("field") == "text":
                spans.append((e["start"], e["end"], i, f["rule"]))
    return _split(text, spans)


def _split(text: str, spans: list[tuple[int, int, int, int]]) -> list[dict]:
    out, pos = [], 0
    for a, b, i, rule in sorted(spans):
        if a < pos or a >= len(text):
            continue
        if a > pos:
            out.append({"text": text[pos:a]})
        out.append({"text": text[a:b], "finding": i, "rule": rule})
        pos = b
    if pos < len(text):
        out.append({"text": text[pos:]})
    return out


def _marked_fields(activity: dict | None, evidence: list[dict]) -> list[dict]:
    if not isinstance(activity, dict):
        return []
    out = []
    fields: dict[str, str] = {}
    if isinstance(activity.get("text"), str):
        fields["text"] = activity["text"]
    t = activity.get("target")
    if isinstance(t, dict) and isinstance(t.get("text"), str):
        fields["target.text"] = t["text"]
    for prefix, media in (("media", activity.get("media")), ("target.media", t.get("media") if isinstance(t, dict) else None)):
        for i, m in enumerate(media if isinstance(media, list) else []):
            if isinstance(m, dict):
                for k in ("ocr_text", "transcript"):
                    if isinstance(m.get(k), str):
                        fields[f"{prefix}[{i}].{k}"] = m[k]
    live = activity.get("live")
    if isinstance(live, dict) and isinstance(live.get("transcript"), str):
        fields["live.transcript"] = live["transcript"]
    for name, text in fields.items():
        spans = [(e["start"], e["end"], 1, 0) for e in evidence if e.get("field") == name]
        out.append({"field": name, "parts": _split(text, spans)})
    return out
