"""Operations pages and API: the job queues (running, failed, stalled jobs, retry) and re-screening runs with
their proposed differences. Business logic in rambu/jobs/health.py and rambu/store/rescreen.py."""
from __future__ import annotations

from typing import Optional

from fastapi import Depends, FastAPI, Query, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session

from ..store import audit, rescreen
from ..store.access import Actor, Conflict, Invalid, NotFound
from ..store.batches import parse_dt
from .app import current_actor, db, form_data, redirect, twin


class RescreenIn(BaseModel):
    since: Optional[str] = None  # YYYY-MM-DD: batches received since
    rules: Optional[str] = None  # "1,2"; empty: every rule


class DecisionIn(BaseModel):
    decision: str  # accept | reject
    reason: str


def _start(request: Request, s: Session, actor: Actor, since: str | None, rules: str | None) -> int:
    run = rescreen.start(s, actor, parse_dt(since.strip()) if since and since.strip() else None,
                         rescreen.parse_rules(rules))
    request.app.state.worker.rescreen_started(s, run.id)
    s.commit()
    return run.id


def _retry(s: Session, actor: Actor, job_id: int) -> bool:
    actor.require("admin")
    from ..jobs import health, is_postgres
    if not is_postgres(s):
        raise Invalid("SQLite: pekerjaan dijalankan server web sendiri; tidak ada antrean untuk dicoba ulang")
    ok = health.retry(s, job_id)
    if ok:
        audit.record(s, actor, "jobs.retry", "job", job_id)
    s.commit()
    return ok


def register(app: FastAPI) -> None:
    @twin(app, "/admin/jobs", "admin_jobs.html", tags=["admin"])
    def jobs_page(request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Antrean pekerjaan: jumlah per antrean, pekerja dan detaknya, pekerjaan berjalan, macet, dan gagal."""
        actor.require("admin")
        from ..jobs.health import STATUS_LABELS, report
        d = report(s, request.app.state.worker)
        d["labels"] = STATUS_LABELS
        return d

    @app.post("/admin/jobs/{job_id}/retry", include_in_schema=False)
    def retry_form(job_id: int, form=Depends(form_data), actor: Actor = Depends(current_actor),
                   s: Session = Depends(db)):
        try:
            ok = _retry(s, actor, job_id)
        except Invalid as e:
            return redirect("/admin/jobs", str(e), error=True)
        return redirect("/admin/jobs", f"Pekerjaan #{job_id} dikembalikan ke antrean." if ok else
                        f"Pekerjaan #{job_id} tidak dapat dicoba ulang (bukan gagal/macet, atau sudah menunggu).",
                        error=not ok)

    @app.post("/api/admin/jobs/{job_id}/retry", tags=["admin"], summary="Coba ulang pekerjaan yang gagal atau macet")
    def api_retry(job_id: int, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        return {"retried": _retry(s, actor, job_id)}

    @twin(app, "/rescreens", "rescreens.html", tags=["penyaringan ulang"])
    def rescreens_page(request: Request, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Penyaringan ulang arsip dengan mesin saat ini, dan selisih yang diusulkan untuk ditinjau."""
        return rescreen.list_runs(s, actor)

    @app.post("/rescreens", include_in_schema=False)
    def rescreen_form(request: Request, form=Depends(form_data), actor: Actor = Depends(current_actor),
                      s: Session = Depends(db)):
        try:
            run_id = _start(request, s, actor, str(form.get("since") or ""), str(form.get("rules") or ""))
        except Invalid as e:
            return redirect("/rescreens", str(e), error=True)
        return redirect(f"/rescreens/{run_id}", "Penyaringan ulang dimulai; selisihnya akan diusulkan di sini.")

    @app.post("/api/rescreens", tags=["penyaringan ulang"], status_code=201,
              summary="Mulai penyaringan ulang (batch sejak tanggal, larangan tertentu); selisih diusulkan, "
                      "tidak diterapkan")
    def api_rescreen(request: Request, body: RescreenIn, actor: Actor = Depends(current_actor),
                     s: Session = Depends(db)):
        return {"id": _start(request, s, actor, body.since, body.rules)}

    @twin(app, "/rescreens/{run_id}", "rescreen.html", tags=["penyaringan ulang"])
    def rescreen_page(run_id: int, request: Request, status: str = Query("proposed"),
                      limit: int = Query(200, ge=1, le=1000), offset: int = Query(0, ge=0),
                      actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        """Satu penyaringan ulang: kemajuan dan usulan (temuan baru, temuan ditarik)."""
        if status not in ("proposed", "accepted", "rejected", "all"):
            raise Invalid("status: proposed, accepted, rejected atau all")
        return rescreen.run_page(s, actor, run_id, status, limit, offset)

    @app.post("/rescreens/diffs/{diff_id}", include_in_schema=False)
    def decide_form(diff_id: int, request: Request, form=Depends(form_data), actor: Actor = Depends(current_actor),
                    s: Session = Depends(db)):
        back = str(form.get("back") or "/rescreens")
        back = back if back.startswith("/rescreens") else "/rescreens"
        try:
            rescreen.decide(s, actor, diff_id, form.get("decision") == "accept", str(form.get("reason") or ""))
        except (Invalid, NotFound, Conflict) as e:
            return redirect(back, str(e), error=True)
        s.commit()
        return redirect(back, "Usulan diputuskan.")

    @app.post("/api/rescreens/diffs/{diff_id}", tags=["penyaringan ulang"],
              summary="Terima atau tolak satu usulan (decision accept/reject, reason); temuan yang sudah ditinjau "
                      "tidak diubah")
    def api_decide(diff_id: int, body: DecisionIn, actor: Actor = Depends(current_actor), s: Session = Depends(db)):
        if body.decision not in ("accept", "reject"):
            raise Invalid("decision: accept atau reject")
        d = rescreen.decide(s, actor, diff_id, body.decision == "accept", body.reason)
        s.commit()
        return d
