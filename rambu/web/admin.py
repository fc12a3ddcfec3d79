"""Administration pages and API: users and roles, regions and units, staff directory and rosters,
fact-check register, public holidays, office hours and rule settings, audit log."""
from __future__ import annotations

import json
from typing import Optional

from fastapi import Depends, FastAPI, File, Query, Request, Response, UploadFile
from sqlalchemy.orm import Session

from .. import display
from ..store import audit, auth, config, findings, orgs, reviewer_feedback
from ..store.access import ROLE_SCOPES, Actor, Invalid
from .app import current_actor, db, form_data, redirect, twin
from .views import (MAX_ID, FactCheckIn, HolidayIn, RegionIn, StaffPatch, UnitIn, UnitPatch, UserIn, UserPatch, _opt_int)

WEEKDAYS = (("monday", "Senin"), ("tuesday", "Selasa"), ("wednesday", "Rabu"), ("thursday", "Kamis"),
            ("friday", "Jumat"), ("saturday", "Sabtu"), ("sunday", "Minggu"))
# the zones edited on the settings page (office hours per zone); other zones set through the API are kept
ZONES = (("Asia/Jakarta", "WIB"), ("Asia/Makassar", "WITA"), ("Asia/Jayapura", "WIT"))
OFF_WORDS = ("libur", "-", "tutup", "off")  # typed in an office-hours box: a day off


def _zone_hours_view(value: str) -> dict[str, dict[str, str | None]]:
    """office_hours.by_zone for display: {zone: {weekday: "07:30-16:00" | "libur" | None (= global)}}."""
    from ..staff.dutytime import WEEKDAYS as DAYS, format_hours, parse_zone_hours
    try:
        parsed = parse_zone_hours(value)
    except ValueError:
        parsed = {}
    zones = [z for z, _ in ZONES] + sorted(z for z in parsed if z not in dict(ZONES))
    return {z: {day: (format_hours(parsed[z][i]) or "libur") if i in parsed.get(z, {}) else None
                for i, day in enumerate(DAYS)} for z in zones}


def _office_hours_changes(form, current: dict) -> dict:
    """Changes of the settings page's office-hours table: global weekday hours and per-zone overrides."""
    from ..staff.dutytime import parse_zone_hours, zone_hours_json
    changes: dict = {}
    for day, _ in WEEKDAYS:
        name = f"office_hours.{day}"
        if name in form:
            v = str(form.get(name) or "").strip()
            v = "" if v.lower() in OFF_WORDS else v
            if v != str(current.get(name) or ""):
                changes[name] = v
    try:
        kept = {z: days for z, days in json.loads(current.get(config.ZONE_HOURS) or "{}").items()
                if z not in dict(ZONES)}
    except (ValueError, AttributeError):
        kept = {}
    new = dict(kept)
    for zone, _ in ZONES:
        days = {}
        for day, _ in WEEKDAYS:
            v = str(form.get(f"zone_hours.{zone}.{day}") or "").strip()
            if v:
                days[day] = "" if v.lower() in OFF_WORDS else v
        if days:
            new[zone] = days
    try:
        if zone_hours_json(parse_zone_hours(new)) == (current.get(config.ZONE_HOURS) or ""):
            return changes
    except ValueError:
        pass  # update_settings reports it, naming the zone and the weekday
    changes[config.ZONE_HOURS] = new
    return changes


IMPORTS = (("staff", "/admin/staff/import", "/admin/staff", "Impor direktori pegawai (CSV atau JSON kontrak)"),
           ("roster", "/admin/staff/roster", "/admin/staff", "Impor jadwal dinas (CSV nip,start,end)"),
           ("factchecks", "/admin/factchecks/import", "/admin/factchecks", "Impor register cek fakta (CSV atau JSON Lines)"),
           ("holidays", "/admin/holidays/import", "/admin/holidays", "Impor hari libur (CSV date,name atau JSON)"))
IMPORT_WORDS = {"created": "baru", "updated": "diperbarui", "relinked": "temuan ditautkan", "staff": "pegawai",
                "periods": "periode", "holidays": "hari libur"}


def _text(upload) -> tuple[str, str]:
    if upload is None or not getattr(upload, "filename", None):
        raise Invalid("pilih berkas")
    raw = upload.file.read(50 * 1024 * 1024)
    try:
        return upload.filename, raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise Invalid(f"{upload.filename}: bukan teks UTF-8 (byte ke-{e.start + 1})") from None


def _public(vals: dict) -> dict:
    """Settings as shown: secrets are never sent back, only whether they are set."""
    return {k: ("***" if v else "") if k in config.SECRET_SETTINGS else v for k, v in vals.items()}


def _settings_view(s: Session) -> dict:
    vals = config.values(s)
    defs = config.definitions()
    groups = [{"key": key, "title": title, "items": [d for d in defs if d["group"] == key
                                                    and not d["name"].startswith("office_hours.")]}
              for key, title in config.GROUPS]
    return {"values": _public(vals), "definitions": defs, "groups": groups, "weekdays": WEEKDAYS,
            "zones": [{"zone": z, "label": label} for z, label in ZONES],
            "zone_hours": _zone_hours_view(vals.get(config.ZONE_HOURS) or ""),
            "revision": config.revision(s), "errors": {}, "input": {}}


def register(app: FastAPI) -> None:  # noqa: C901
    @twin(app, "/admin", "admin.html", tags=["admin"])
    def admin_home(request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Ringkasan administrasi."""
        actor.require("admin")
        return {"sections": ["users", "units", "staff", "factchecks", "holidays", "settings", "feedback-report", "audit"]}

    # users
    @twin(app, "/admin/users", "admin_users.html", tags=["admin"])
    def users(request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Pengguna, peran dan cakupan."""
        return {"items": auth.list_users(s, actor), "regions": orgs.list_regions(s, actor),
                "units": orgs.list_units(s, actor), "role_scopes": ROLE_SCOPES}

    @app.post("/admin/users", include_in_schema=False)
    def user_create_form(form=Depends(form_data), actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        try:
            u, pw = auth.create_user(s, actor, str(form.get("username") or ""), str(form.get("full_name") or ""),
                                     str(form.get("role") or ""), str(form.get("scope") or ""),
                                     form.get("region_id"), form.get("unit_id"), str(form.get("nip") or "") or None,
                                     str(form.get("password") or "") or None, str(form.get("email") or "") or None)
        except Invalid as e:
            return redirect("/admin/users", str(e), error=True)
        s.commit()
        shown = "" if form.get("password") else f" Kata sandi awal (tampil sekali): {pw}"
        return redirect("/admin/users", f"Pengguna {u.username} dibuat.{shown}")

    @app.post("/admin/users/{user_id}", include_in_schema=False)
    def user_update_form(user_id: int, form=Depends(form_data), actor: Actor = Depends(current_actor),
                         s: Session = Depends(db)):
        changes = {k: (str(v) if v != "" else None) for k, v in form.items() if k != "csrf_token"}
        if "active" in changes:
            changes["active"] = changes["active"] == "1"
        changes["unlock"] = changes.get("unlock") == "1"
        reset = changes.pop("reset_password", None) == "1"
        pw = auth.new_password() if reset else None
        if pw:
            changes["password"] = pw
        try:
            u = auth.update_user(s, actor, user_id, **changes)
        except Invalid as e:
            return redirect("/admin/users", str(e), error=True)
        s.commit()
        return redirect("/admin/users", f"Pengguna {u.username} diubah." + (f" Kata sandi baru (tampil sekali): {pw}" if pw else ""))

    @app.post("/api/admin/users", tags=["admin"], status_code=201,
              summary="Buat pengguna; kata sandi dibuat acak bila kosong dan dikembalikan sekali")
    def api_user_create(body: UserIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        u, pw = auth.create_user(s, actor, body.username, body.full_name, body.role, body.scope, body.region_id,
                                 body.unit_id, body.nip, body.password, body.email)
        s.commit()
        d = auth.user_dict(u)
        if not body.password:
            d["password"] = pw
        return d

    @app.patch("/api/admin/users/{user_id}", tags=["admin"])
    def api_user_update(user_id: int, body: UserPatch, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        u = auth.update_user(s, actor, user_id, **body.model_dump(exclude_unset=True))
        s.commit()
        return auth.user_dict(u)

    # regions and units
    @twin(app, "/admin/units", "admin_units.html", tags=["admin"])
    def units(request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Wilayah (Kanwil) dan unit (UPT) dengan zona waktunya."""
        actor.require("admin")
        return {"regions": orgs.list_regions(s, actor), "units": orgs.list_units(s, actor),
                "timezones": ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]}

    @app.post("/admin/regions", include_in_schema=False)
    def region_form(form=Depends(form_data), actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        try:
            orgs.save_region(s, actor, str(form.get("code") or ""), str(form.get("name") or ""),
                             _opt_int(form.get("region_id")))
        except Invalid as e:
            return redirect("/admin/units", str(e), error=True)
        s.commit()
        return redirect("/admin/units", "Wilayah disimpan.")

    @app.post("/admin/units", include_in_schema=False)
    def unit_form(form=Depends(form_data), actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        try:
            orgs.save_unit(s, actor, str(form.get("code") or ""), str(form.get("name") or ""),
                           _opt_int(form.get("region_id")) or 0, str(form.get("timezone") or "Asia/Jakarta"),
                           _opt_int(form.get("unit_id")), str(form.get("city") or ""), str(form.get("address") or ""))
        except Invalid as e:
            return redirect("/admin/units", str(e), error=True)
        s.commit()
        return redirect("/admin/units", "Unit disimpan.")

    @app.post("/api/admin/regions", tags=["admin"], status_code=201)
    def api_region(body: RegionIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        r = orgs.save_region(s, actor, body.code, body.name)
        s.commit()
        return orgs.region_dict(r)

    @app.post("/api/admin/units", tags=["admin"], status_code=201)
    def api_unit(body: UnitIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        u = orgs.save_unit(s, actor, body.code, body.name, body.region_id, body.timezone, None, body.city, body.address)
        s.commit()
        return orgs.unit_dict(u)

    @app.put("/api/admin/units/{unit_id}", tags=["admin"], summary="Ubah unit (nama, wilayah, zona waktu, kota, alamat)")
    def api_unit_edit(unit_id: int, body: UnitPatch, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        u = orgs.edit_unit(s, actor, unit_id, body.model_dump(exclude_unset=True))
        s.commit()
        return orgs.unit_dict(u)

    @app.put("/api/admin/staff/{staff_id:int}", tags=["admin"],
             summary="Ubah satu pegawai; unit baru = mutasi sejak transfer_from (riwayat tersimpan)")
    def api_staff_edit(staff_id: int, body: StaffPatch, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        m = orgs.update_staff(s, actor, staff_id, body.model_dump(exclude_unset=True))
        s.commit()
        return orgs.staff_dict(m, full=True) | {"postings": orgs.history(s, m.id)}

    @app.post("/admin/staff/{staff_id:int}", include_in_schema=False)
    def staff_edit_form(staff_id: int, form=Depends(form_data), actor: Actor = Depends(current_actor),
                        s: Session = Depends(db)):
        changes = {k: str(v) for k, v in form.items() if k != "csrf_token" and isinstance(v, str)}
        if "active" in changes:
            changes["active"] = changes["active"] == "1"
        try:
            orgs.update_staff(s, actor, staff_id, changes)
        except Invalid as e:
            return redirect(f"/staff/{staff_id}", str(e), error=True)
        s.commit()
        return redirect(f"/staff/{staff_id}", "Data pegawai disimpan.")

    # staff directory and rosters
    @twin(app, "/admin/staff", "admin_staff.html", tags=["admin"])
    def staff_admin(request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Impor direktori pegawai (CSV/JSON) dan jadwal dinas (CSV nip,start,end)."""
        actor.require("staff.write")
        return {"total": orgs.list_staff(s, actor, limit=1)["total"]}

    def _import(kind: str, s: Session, actor: Actor, upload) -> dict:
        """Import an uploaded file; a file that cannot be read at all is a 4xx `Invalid`, never a 500."""
        fn = {"staff": orgs.import_staff, "roster": orgs.import_roster, "factchecks": orgs.import_factchecks,
              "holidays": config.import_holidays}[kind]
        try:
            name, text = _text(upload)
            r = fn(s, actor, text, name)
        except Invalid:
            raise
        except ValueError as e:
            raise Invalid(str(e)) from None
        s.commit()
        return r

    def _import_form(kind: str, back: str, s: Session, actor: Actor, form) -> Response:
        try:
            msg, bad = _import_message(_import(kind, s, actor, form.get("file")))
        except Invalid as e:
            return redirect(back, str(e), error=True)
        return redirect(back, msg, error=bad)

    def _import_routes(kind: str, path: str, back: str, summary: str) -> None:
        def form_route(form=Depends(form_data), actor: Actor = Depends(current_actor), s: Session = Depends(db)):
            return _import_form(kind, back, s, actor, form)

        def api_route(file: UploadFile = File(...), actor: Actor = Depends(current_actor), s: Session = Depends(db)):
            return _import(kind, s, actor, file)
        app.add_api_route(path, form_route, methods=["POST"], include_in_schema=False, name=f"{kind}_import_form")
        app.add_api_route("/api" + path, api_route, methods=["POST"], tags=["admin"], summary=summary,
                          name=f"api_{kind}_import")

    def _import_message(r: dict) -> tuple[str, bool]:
        errs = r.get("errors") or []
        head = ", ".join(f"{IMPORT_WORDS.get(k, k)} {v}" for k, v in r.items() if isinstance(v, int))
        msg = f"Impor selesai: {head}."
        if errs:
            msg += f" {len(errs)} baris ditolak: " + " | ".join(errs[:5]) + (" ..." if len(errs) > 5 else "")
        return msg, bool(errs)


    for kind, path, back, summary in IMPORTS:  # each import: a page form and its API twin
        _import_routes(kind, path, back, summary)

    # fact-check register
    @twin(app, "/admin/factchecks", "admin_factchecks.html", tags=["admin"])
    def factchecks(request: Request, q: str = "", limit: int = Query(200, ge=1, le=1000),
                   offset: int = Query(0, ge=0, le=MAX_ID),
                   actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Register cek fakta (larangan 4)."""
        d = orgs.list_factchecks(s, actor, q=q, limit=limit, offset=offset)
        d["q"] = q
        return d


    @app.post("/admin/factchecks", include_in_schema=False)
    def fc_form(form=Depends(form_data), actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        try:
            if form.get("delete") == "1":
                orgs.delete_factcheck(s, actor, str(form.get("id") or ""))
            else:
                orgs.save_factcheck(s, actor, str(form.get("id") or ""), str(form.get("claim") or ""),
                                    str(form.get("verdict") or ""), str(form.get("source") or ""),
                                    str(form.get("published") or "") or None)
        except Invalid as e:
            return redirect("/admin/factchecks", str(e), error=True)
        s.commit()
        return redirect("/admin/factchecks", "Register cek fakta diperbarui.")


    @app.put("/api/admin/factchecks/{fc_id}", tags=["admin"])
    def api_fc_save(fc_id: str, body: FactCheckIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        row = orgs.save_factcheck(s, actor, fc_id, body.claim, body.verdict, body.source, body.published)
        s.commit()
        return orgs.factcheck_dict(row)

    @app.delete("/api/admin/factchecks/{fc_id}", tags=["admin"])
    def api_fc_delete(fc_id: str, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        orgs.delete_factcheck(s, actor, fc_id)
        s.commit()
        return {"ok": True}

    # holidays
    @twin(app, "/admin/holidays", "admin_holidays.html", tags=["admin"])
    def holidays(request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Hari libur nasional dan cuti bersama."""
        actor.require("admin")
        return {"items": config.holidays(s)}

    @app.post("/admin/holidays", include_in_schema=False)
    def holiday_form(form=Depends(form_data), actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        try:
            if form.get("delete") == "1":
                config.delete_holiday(s, actor, str(form.get("date") or ""))
            else:
                config.set_holiday(s, actor, str(form.get("date") or ""), str(form.get("name") or ""))
        except Invalid as e:
            return redirect("/admin/holidays", str(e), error=True)
        s.commit()
        return redirect("/admin/holidays", "Hari libur diperbarui.")


    @app.put("/api/admin/holidays/{day}", tags=["admin"])
    def api_holiday(day: str, body: HolidayIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        config.set_holiday(s, actor, day, body.name)
        s.commit()
        return {"date": day, "name": body.name}

    @app.delete("/api/admin/holidays/{day}", tags=["admin"])
    def api_holiday_delete(day: str, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        config.delete_holiday(s, actor, day)
        s.commit()
        return {"ok": True}

    # settings: rules, thresholds, office hours, deadlines, sign-in
    @twin(app, "/admin/settings", "admin_settings.html", tags=["admin"])
    def settings(request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Pengaturan: larangan dan ambang, jam kantor, batas waktu tahap kasus, aturan masuk."""
        actor.require("admin")
        return _settings_view(s)

    @app.post("/admin/settings", include_in_schema=False)
    def settings_form(request: Request, form=Depends(form_data), actor: Actor = Depends(current_actor),
                      s: Session = Depends(db)):
        actor.require("admin")
        current = config.values(s)
        changes = _office_hours_changes(form, current) if form.get("_office_hours") else {}
        for k, v in form.items():
            if k == "csrf_token" or k not in current or k in changes or (
                    form.get("_office_hours") and k.startswith("office_hours.") and k != "office_hours.default_timezone"):
                continue
            if isinstance(current[k], bool):
                continue
            if config.differs(k, v, current[k]):
                changes[k] = v
        for k, v in current.items():  # checkboxes: absent = false
            if isinstance(v, bool) and f"{k}" in form.getlist("_bool"):
                new = form.get(k) == "on"
                if new != v:
                    changes[k] = new
        for k in config.SECRET_SETTINGS:  # an empty secret box keeps the stored secret
            if changes.get(k) == "":
                changes.pop(k)
        try:
            config.update_settings(s, actor, changes)
        except config.SettingsInvalid as e:
            s.rollback()
            d = _settings_view(s)
            d["errors"] = e.errors
            d["input"] = {k: v for k, v in form.items() if isinstance(v, str) and k not in config.SECRET_SETTINGS}
            from .app import render
            request.state.csrf = getattr(request.state, "csrf", "")
            return render(request, "admin_settings.html", d, status=400)
        except Invalid as e:
            return redirect("/admin/settings", str(e), error=True)
        s.commit()
        return redirect("/admin/settings", f"{len(changes)} pengaturan diubah." if changes else "Tidak ada perubahan.")

    @app.put("/api/admin/settings", tags=["admin"], summary="Ubah pengaturan: {nama: nilai, ...}")
    def api_settings(body: dict, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        try:
            config.update_settings(s, actor, body)
        except config.SettingsInvalid as e:
            from fastapi.responses import JSONResponse
            return JSONResponse({"detail": str(e), "errors": e.errors}, status_code=400)
        s.commit()
        return _public(config.values(s))

    # audit log and feedback
    @twin(app, "/admin/audit", "admin_audit.html", tags=["admin"])
    def audit_log(request: Request, object_type: Optional[str] = None, object_id: Optional[str] = None,
                  before: Optional[int] = Query(None, ge=1, le=MAX_ID), verify: bool = False,
                  actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Log audit (hanya tambah, berantai hash); verify=true memeriksa keutuhan rantai."""
        actor.require("admin")
        d = {"items": audit.entries(s, object_type or None, object_id or None, limit=200, before=before),
             "filters": {"object_type": object_type, "object_id": object_id}, "object_types": audit.OBJECT_LABELS}
        for e in d["items"]:
            e["label"], e["description"] = audit.action_label(e), audit.describe(e)
        if verify:
            d["verification"] = audit.verify(s).to_dict()
        return d

    @twin(app, "/admin/feedback-report", "admin_feedback.html", tags=["admin"])
    def feedback_report(request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Per larangan: berapa temuan yang dikonfirmasi pemeriksa pada tiap tingkat keyakinan, dan saran ambang
        pelanggaran (titik terendah yang di atasnya sedikitnya 95% dikonfirmasi)."""
        return reviewer_feedback.report(s, actor, request.app.state.provider)

    @app.post("/admin/feedback-report", include_in_schema=False)
    def feedback_apply_form(request: Request, form=Depends(form_data), actor: Actor = Depends(current_actor),
                            s: Session = Depends(db)):
        try:
            r = reviewer_feedback.apply(s, actor, int(form.get("rule") or 0), float(form.get("threshold") or -1),
                                        request.app.state.provider)
        except (Invalid, ValueError) as e:
            return redirect("/admin/feedback-report", str(e), error=True)
        s.commit()
        return redirect("/admin/feedback-report", f"Ambang pelanggaran larangan {r['rule']} kini "
                        f"{display.score(r['threshold'])} (tercatat di log audit).")

    @app.post("/api/admin/feedback-report/apply", tags=["admin"],
              summary="Terapkan saran ambang pelanggaran satu larangan (harus sama dengan saran saat ini)")
    def api_feedback_apply(request: Request, body: dict, actor: Actor = Depends(current_actor),
                           s: Session = Depends(db)):
        try:
            rule, threshold = int(body.get("rule")), float(body.get("threshold"))
        except (TypeError, ValueError):
            raise Invalid("rule (angka) dan threshold (angka) wajib diisi") from None
        r = reviewer_feedback.apply(s, actor, rule, threshold, request.app.state.provider)
        s.commit()
        return r

    @app.get("/api/admin/feedback", tags=["admin"], summary="Putusan peninjau beserta teks, untuk pelatihan ulang")
    def api_feedback(actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        return findings.feedback_export(s, actor)
