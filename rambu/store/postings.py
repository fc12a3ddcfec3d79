"""Where each employee worked when. A transfer closes one posting and opens the next; findings and cases
keep the unit of the activity's time, so a transfer never carries them into another unit's view."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from .access import Actor
from .models import Staff, StaffPosting, Unit, utcnow

Postings = dict[int, list[tuple[datetime | None, datetime | None, int]]]


def postings_of(s: Session, staff_ids: Iterable[int] | None = None) -> Postings:
    """{staff id: [(from, to, unit id), ...]} oldest first (all staff when `staff_ids` is None)."""
    q = select(StaffPosting.staff_id, StaffPosting.valid_from, StaffPosting.valid_to, StaffPosting.unit_id)
    if staff_ids is not None:
        ids = list(staff_ids)
        if not ids:
            return {}
        q = q.where(StaffPosting.staff_id.in_(ids))
    out: Postings = defaultdict(list)
    for sid, a, b, unit in s.execute(q.order_by(StaffPosting.staff_id, StaffPosting.id)):
        out[sid].append((a, b, unit))
    return out


def unit_at(postings: Postings, staff_id: int, current_unit: int | None, when: datetime | None) -> int | None:
    """The unit the employee belonged to at `when` (their current unit when unknown)."""
    if when is not None:
        for a, b, unit in postings.get(staff_id, ()):
            if (a is None or a <= when) and (b is None or when < b):
                return unit
    return current_unit


def record_posting(s: Session, actor: Actor | None, m: Staff, unit_id: int, since: datetime | None = None) -> None:
    """Move `m` to `unit_id` from `since` (default now): the open posting ends there, a new one begins."""
    if m.id is None:
        s.flush()
    current = s.scalars(select(StaffPosting).where(StaffPosting.staff_id == m.id, StaffPosting.valid_to.is_(None))
                        .order_by(StaffPosting.id)).all()
    if any(p.unit_id == unit_id for p in current) and len(current) == 1:
        return
    since = since or utcnow()
    for p in current:
        p.valid_to = since if p.valid_from is None or p.valid_from < since else p.valid_from
    first = not current and not s.scalar(select(StaffPosting.id).where(StaffPosting.staff_id == m.id).limit(1))
    s.add(StaffPosting(staff_id=m.id, unit_id=unit_id, valid_from=None if first else since,
                       created_by=actor.id if actor else None))


def history(s: Session, staff_id: int) -> list[dict]:
    units = {u.id: u.name for u in s.scalars(select(Unit))}
    return [{"unit_id": p.unit_id, "unit": units.get(p.unit_id), "from": p.valid_from.isoformat() if p.valid_from else None,
             "to": p.valid_to.isoformat() if p.valid_to else None}
            for p in s.scalars(select(StaffPosting).where(StaffPosting.staff_id == staff_id).order_by(StaffPosting.id))]
