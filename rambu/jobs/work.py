"""Small pieces of work shared by both ways of running jobs."""
from __future__ import annotations

from sqlalchemy.orm import sessionmaker


def housekeeping(factory: sessionmaker) -> dict:
    """Reminders of due and overdue case steps, then the e-mail outbox."""
    from ..store.notices import remind_due, send_pending
    with factory() as s:
        reminded = remind_due(s)
        s.commit()
        sent = send_pending(s)
    return {"reminded": reminded, **sent}


def send_mail(factory: sessionmaker) -> dict:
    from ..store.notices import send_pending
    with factory() as s:
        return send_pending(s)


def audit_checkpoint(factory: sessionmaker) -> None:
    """Sign the audit chain's current head (between the checkpoints every 100 entries)."""
    from ..store import audit
    with factory() as s, s.begin():
        audit.checkpoint_head(s)
