"""The database schema (SQLAlchemy 2). Every change needs an Alembic migration in `migrations/versions`."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String,
                        Text, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out; stored as naive UTC on every database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


CLOCK = {"offset": timedelta(0)}  # the tests' time travel (case steps are dated); zero in service


def utcnow() -> datetime:
    return datetime.now(timezone.utc) + CLOCK["offset"]


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class Region(Base):
    __tablename__ = "regions"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    units: Mapped[list["Unit"]] = relationship(back_populates="region")


class Unit(Base):
    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    timezone: Mapped[str] = mapped_column(String(60), default="Asia/Jakarta")
    city: Mapped[str] = mapped_column(String(100), default="")  # place of issue on letters ("Ditetapkan di")
    address: Mapped[str] = mapped_column(String(300), default="")
    region: Mapped[Region] = relationship(back_populates="units")


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))  # admin | kepatuhan | humas | leader | employee
    scope: Mapped[str] = mapped_column(String(20))  # national | regional | unit
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), nullable=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    nip: Mapped[str | None] = mapped_column(String(18), nullable=True)
    email: Mapped[str | None] = mapped_column(String(200), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(nullable=True)
    region: Mapped[Region | None] = relationship()
    unit: Mapped[Unit | None] = relationship()


class LoginSession(Base):
    __tablename__ = "login_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    user: Mapped[User] = relationship()


class Setting(Base):
    """The one table of settings: engine settings (rambu.settings), deadlines, sign-in and app settings."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class Holiday(Base):
    __tablename__ = "holidays"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    nip: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True, nullable=True)
    position: Mapped[str] = mapped_column(String(200), default="")
    timezone: Mapped[str | None] = mapped_column(String(60), nullable=True)
    schedule: Mapped[str] = mapped_column(String(10), default="office")
    shifts: Mapped[list[Any]] = mapped_column(default=list)  # [[start ISO, end ISO], ...]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    unit: Mapped[Unit | None] = relationship()
    accounts: Mapped[list["StaffAccount"]] = relationship(back_populates="staff", order_by="StaffAccount.id")


class StaffPosting(Base):
    """Where a staff member worked when: transfers are history, findings and cases keep the unit of their time."""

    __tablename__ = "staff_postings"
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    valid_from: Mapped[datetime | None] = mapped_column(nullable=True)  # None: since always
    valid_to: Mapped[datetime | None] = mapped_column(nullable=True)  # None: still there
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    unit: Mapped[Unit] = relationship()


class StaffAccount(Base):
    """A social-media account of a staff member registered for watching (by humas)."""

    __tablename__ = "staff_accounts"
    __table_args__ = (UniqueConstraint("platform", "handle"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    platform: Mapped[str] = mapped_column(String(20))
    handle: Mapped[str] = mapped_column(String(200))
    watched: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    staff: Mapped[Staff] = relationship(back_populates="accounts")


class FactCheckEntry(Base):
    __tablename__ = "factchecks"
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    claim: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(60))
    source: Mapped[str] = mapped_column(String(500), default="")
    published: Mapped[date | None] = mapped_column(Date, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Batch(Base):
    __tablename__ = "batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    total_lines: Mapped[int] = mapped_column(Integer, default=0)
    # importing (an archive waits for its import job) | queued | screening | done | failed (the import)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    # an archive's import: what was asked (nip, platform...), then what it found or why it failed (store/imports.py)
    import_info: Mapped[dict[str, Any] | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)
    unit: Mapped[Unit] = relationship()


class BatchLine(Base):
    """One non-blank line of an uploaded batch, stored as received before screening starts."""

    __tablename__ = "batch_lines"
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending | done | error | duplicate
    retry: Mapped[bool] = mapped_column(Boolean, default=False)  # an error of screening, not of the input
    activity_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    nip: Mapped[str | None] = mapped_column(String(18), nullable=True)
    decision: Mapped[str | None] = mapped_column(String(12), nullable=True)
    result: Mapped[dict[str, Any] | None] = mapped_column(nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    screened_at: Mapped[datetime | None] = mapped_column(nullable=True)
    chunk: Mapped[int | None] = mapped_column(Integer, nullable=True)  # BatchChunk.idx once planned
    __table_args__ = (Index("ix_batch_lines_status", "batch_id", "status"), Index("ix_batch_lines_chunk", "batch_id", "chunk"))


class BatchChunk(Base):
    """A batch's lines are screened in chunks, each one job on a queue ("text", or "media" for lines naming
    media files); the batch page shows each chunk's progress."""

    __tablename__ = "batch_chunks"
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True)
    queue: Mapped[str] = mapped_column(String(10))
    first_line: Mapped[int] = mapped_column(Integer)
    last_line: Mapped[int] = mapped_column(Integer)
    lines: Mapped[int] = mapped_column(Integer)
    done_at: Mapped[datetime | None] = mapped_column(nullable=True)


class ScreenResult(Base):
    """One activity's result from one engine: `key` is "batch:line@engine" (engine = versions of the engine,
    its models and the settings revision). Written once, in the transaction that stores the findings, so a job
    delivered twice (a worker killed after its work was saved) cannot store a finding twice."""

    __tablename__ = "screen_results"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    engine: Mapped[str] = mapped_column(String(40))
    decision: Mapped[str | None] = mapped_column(String(12), nullable=True)
    result: Mapped[dict[str, Any]] = mapped_column()
    rescreen_id: Mapped[int | None] = mapped_column(ForeignKey("rescreen_runs.id"), nullable=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RescreenRun(Base):
    """Stored activities screened again with the engine as it is now (after a rule, list, threshold or model
    changed); the differences are proposed to reviewers, never applied by themselves."""

    __tablename__ = "rescreen_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    since: Mapped[datetime | None] = mapped_column(nullable=True)  # batches received since
    rules: Mapped[list[Any]] = mapped_column(default=list)  # [] = every rule
    engine: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(12), default="queued")  # queued | running | done
    lines: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)


class RescreenChunk(Base):
    __tablename__ = "rescreen_chunks"
    run_id: Mapped[int] = mapped_column(ForeignKey("rescreen_runs.id"), primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), primary_key=True)
    chunk: Mapped[int] = mapped_column(Integer, primary_key=True)
    queue: Mapped[str] = mapped_column(String(10))
    done_at: Mapped[datetime | None] = mapped_column(nullable=True)


class RescreenDiff(Base):
    """A difference found by a re-screening: a finding the new version makes ("new") or would no longer make
    ("withdrawn"). Proposed for review; accepting or rejecting it is audited."""

    __tablename__ = "rescreen_diffs"
    __table_args__ = (UniqueConstraint("run_id", "batch_id", "line_no", "kind", "rule"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("rescreen_runs.id"), index=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"))
    line_no: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # new | withdrawn
    rule: Mapped[int] = mapped_column(Integer)
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id"), nullable=True)
    proposed: Mapped[dict[str, Any] | None] = mapped_column(nullable=True)  # the new finding (kind "new")
    status: Mapped[str] = mapped_column(String(10), default="proposed")  # proposed | accepted | rejected
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ActivityKey(Base):
    """Activities are unique per (platform, account, activity id) and per content hash: a re-upload creates
    nothing twice. Each accepted line registers its keys here."""

    __tablename__ = "activity_keys"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)


class MediaFile(Base):
    __tablename__ = "media_files"
    __table_args__ = (UniqueConstraint("batch_id", "path"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    path: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class Case(Base):
    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    stage: Mapped[str] = mapped_column(String(30), default="diterima")
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | closed
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    opened_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(30), nullable=True)  # no_breach | not_proven | proven
    sanction_statement: Mapped[str | None] = mapped_column(String(60), nullable=True)  # tertutup | terbuka
    discipline_level: Mapped[str | None] = mapped_column(String(10), nullable=True)  # ringan | sedang | berat
    decision_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    staff: Mapped[Staff] = relationship()
    unit: Mapped[Unit] = relationship()
    steps: Mapped[list["CaseStep"]] = relationship(back_populates="case", order_by="CaseStep.id")


class CaseStep(Base):
    __tablename__ = "case_steps"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    stage: Mapped[str] = mapped_column(String(30))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_at: Mapped[datetime | None] = mapped_column(nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    completed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    recorded_at: Mapped[datetime | None] = mapped_column(nullable=True)  # when completed_at was entered
    notes: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    case: Mapped[Case] = relationship(back_populates="steps")
    officer: Mapped[User | None] = relationship(foreign_keys=[officer_id])


class Finding(Base):
    __tablename__ = "findings"
    __table_args__ = (UniqueConstraint("batch_id", "line_no", "idx"),
                      Index("ix_findings_queue", "status", "unit_id", "rule"))
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    idx: Mapped[int] = mapped_column(Integer)  # position in the result's findings
    activity_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True, nullable=True)
    nip: Mapped[str | None] = mapped_column(String(18), nullable=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    rule: Mapped[int] = mapped_column(Integer)
    platform: Mapped[str | None] = mapped_column(String(20), nullable=True)
    url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    excerpt: Mapped[str] = mapped_column(Text, default="")  # the activity's words, for the queue and its search
    confidence: Mapped[float] = mapped_column(Float)
    needs_review: Mapped[bool] = mapped_column(Boolean)
    decision: Mapped[str] = mapped_column(String(12))  # result decision of the activity
    evidence: Mapped[list[Any]] = mapped_column()
    explanation: Mapped[str] = mapped_column(Text)
    basis: Mapped[list[Any]] = mapped_column()
    sanction: Mapped[dict[str, Any] | None] = mapped_column(nullable=True)
    detector: Mapped[str] = mapped_column(String(80), default="")
    score_detail: Mapped[list[Any]] = mapped_column(default=list)
    engine: Mapped[dict[str, Any]] = mapped_column(default=dict)  # engine version and model versions
    activity_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | confirmed | dismissed | withdrawn
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    review_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True, nullable=True)
    staff: Mapped[Staff | None] = relationship()
    unit: Mapped[Unit] = relationship()


class Feedback(Base):
    """Reviewers' verdicts on findings, kept for retraining the classifiers."""

    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    verdict: Mapped[str] = mapped_column(String(12))  # confirmed | dismissed
    reason: Mapped[str] = mapped_column(Text)
    rule: Mapped[int] = mapped_column(Integer)
    detector: Mapped[str] = mapped_column(String(80), default="")
    confidence: Mapped[float] = mapped_column(Float)
    texts: Mapped[dict[str, Any]] = mapped_column(default=dict)  # the activity's texts at review time
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(nullable=True)  # the review was reopened


class CaseDocument(Base):
    __tablename__ = "case_documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # summons | hearing_minutes | decision
    filename: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class CaseAttachment(Base):
    """A signed letter or an evidence file attached to a case by an officer, kept with its SHA-256."""

    __tablename__ = "case_attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # letter | evidence
    title: Mapped[str] = mapped_column(String(300), default="")
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class Notification(Base):
    """An in-app notice for one user; e-mailed through the SMTP server of the settings when configured."""

    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    key: Mapped[str] = mapped_column(String(200))  # one notice per (user, key): due/overdue reminders are not repeated
    kind: Mapped[str] = mapped_column(String(30))  # findings | due | overdue | case
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(nullable=True)
    email_status: Mapped[str] = mapped_column(String(10), default="none")  # none | pending | sent | failed
    email_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    emailed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    __table_args__ = (UniqueConstraint("user_id", "key"), Index("ix_notifications_mail", "email_status"))


class LoginThrottle(Base):
    """Failed sign-ins counted per (account, client): a stranger cannot lock the real user out."""

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(nullable=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(Base):
    """Append-only, hash-chained: hash = sha256(prev_hash + canonical JSON of the entry)."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column()
    user_id: Mapped[int | None] = mapped_column(nullable=True)
    username: Mapped[str] = mapped_column(String(80), default="")
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[str] = mapped_column(String(80), default="")
    unit_id: Mapped[int | None] = mapped_column(nullable=True)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str | None] = mapped_column(String(64), nullable=True)  # HMAC of hash with the key outside the DB
    __table_args__ = (Index("ix_audit_object", "object_type", "object_id"),)


class AuditHead(Base):
    """One row: the last sequence number and hash; updating it first serialises appends."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str | None] = mapped_column(String(64), nullable=True)


class AuditCheckpoint(Base):
    """An Ed25519 signature over (seq, hash) of the chain, made with a private key kept outside the database."""

    __tablename__ = "audit_checkpoints"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column()
    public_key: Mapped[str] = mapped_column(String(64))  # hex, raw Ed25519
    signature: Mapped[str] = mapped_column(String(128))  # hex
