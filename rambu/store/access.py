"""Who may do what, and where: roles, scopes and the filters that keep each user inside their unit or region."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from .models import Unit, User

ROLES = {
    "admin": "Administrator",
    "kepatuhan": "Kepatuhan Internal",
    "humas": "Humas",
    "leader": "Pimpinan",
    "employee": "Pegawai",
}
SCOPES = {"national": "Nasional", "regional": "Wilayah (Kanwil)", "unit": "Unit (UPT)"}
# Which scopes each role may have (issue 3: kepatuhan national or regional; humas unit or regional).
ROLE_SCOPES = {
    "admin": ("national",),
    "kepatuhan": ("national", "regional"),
    "humas": ("unit", "regional"),
    "leader": ("national", "regional", "unit"),
    "employee": ("unit",),
}
PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset({"admin", "check", "dashboard", "export", "findings.read", "findings.review", "cases.read",
                        "cases.write", "staff.read", "staff.write", "staff.accounts", "batches.read",
                        "batches.write", "documents.read", "audit.read"}),
    "kepatuhan": frozenset({"check", "dashboard", "export", "findings.read", "findings.review", "cases.read",
                            "cases.write", "staff.read", "batches.read", "documents.read"}),
    "humas": frozenset({"check", "staff.read", "staff.accounts", "batches.read", "batches.write"}),
    "leader": frozenset({"check", "dashboard", "export", "findings.read", "cases.read", "staff.read",
                         "batches.read", "documents.read"}),
    "employee": frozenset({"check"}),
}


# Reopening a review is for senior officers: administrators and national Kepatuhan Internal.
SENIOR = {("admin", "national"), ("kepatuhan", "national")}

PERMISSION_LABELS = {
    "findings.reopen": "membuka ulang tinjauan (petugas senior)",
    "admin": "membuka administrasi", "check": "memakai cek sebelum unggah", "dashboard": "membuka dasbor",
    "export": "mengekspor data", "findings.read": "melihat temuan", "findings.review": "meninjau temuan",
    "cases.read": "melihat kasus", "cases.write": "menangani kasus", "staff.read": "melihat direktori pegawai",
    "staff.write": "mengubah direktori pegawai", "staff.accounts": "mendaftarkan akun media sosial pegawai",
    "batches.read": "melihat batch", "batches.write": "mengunggah batch", "documents.read": "membuka dokumen kasus",
    "audit.read": "membaca log audit",
}


class AccessDenied(Exception):
    """The user lacks the permission (HTTP 403)."""


class NotFound(Exception):
    """No such object, or not visible to this user (HTTP 404: existence is not revealed)."""


class Conflict(Exception):
    """Someone else changed the object first (HTTP 409); message in Indonesian."""


class Invalid(ValueError):
    """Bad input for a service call (HTTP 400/422); message in Indonesian."""


@dataclass(frozen=True)
class Actor:
    id: int | None
    username: str
    role: str
    scope: str
    region_id: int | None = None
    unit_id: int | None = None
    nip: str | None = None
    full_name: str = ""

    @classmethod
    def of(cls, user: User) -> "Actor":
        return cls(user.id, user.username, user.role, user.scope, user.region_id, user.unit_id, user.nip,
                   user.full_name)

    @property
    def permissions(self) -> frozenset[str]:
        perms = PERMISSIONS.get(self.role, frozenset())
        return perms | {"findings.reopen"} if (self.role, self.scope) in SENIOR else perms

    def can(self, perm: str) -> bool:
        return perm in self.permissions

    def require(self, perm: str) -> None:
        if not self.can(perm):
            raise AccessDenied(f"peran {ROLES.get(self.role, self.role)} tidak berhak "
                               f"{PERMISSION_LABELS.get(perm, perm)} ({perm})")

    @property
    def national(self) -> bool:
        return self.scope == "national"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "username": self.username, "full_name": self.full_name, "role": self.role,
                "scope": self.scope, "region_id": self.region_id, "unit_id": self.unit_id,
                "permissions": sorted(self.permissions)}


SYSTEM = Actor(None, "sistem", "admin", "national")


def unit_condition(actor: Actor, column) -> Any:
    """SQL condition limiting `column` (a unit id) to what the actor may see."""
    if actor.scope == "national":
        return true()
    if actor.scope == "regional":
        return column.in_(select(Unit.id).where(Unit.region_id == actor.region_id))
    return column == actor.unit_id


def visible_unit_ids(s: Session, actor: Actor) -> list[int]:
    return list(s.scalars(select(Unit.id).where(unit_condition(actor, Unit.id)).order_by(Unit.name)))


def can_see_unit(s: Session, actor: Actor, unit_id: int | None) -> bool:
    if actor.scope == "national":
        return True
    if unit_id is None:
        return False
    if actor.scope == "unit":
        return unit_id == actor.unit_id
    return s.scalar(select(Unit.region_id).where(Unit.id == unit_id)) == actor.region_id


def check_unit(s: Session, actor: Actor, unit_id: int | None) -> None:
    if not can_see_unit(s, actor, unit_id):
        raise NotFound("tidak ditemukan")
