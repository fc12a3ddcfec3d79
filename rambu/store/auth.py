"""Users, argon2 password hashes, sign-in with lock-out, server-side sessions with a CSRF token."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from . import audit, config
from .access import ROLE_SCOPES, ROLES, Actor, Invalid, NotFound
from .models import LoginSession, LoginThrottle, Region, Unit, User, utcnow

_hasher = PasswordHasher()
_DUMMY = _hasher.hash("rambu-dummy-password")
MIN_PASSWORD = 10


class AuthError(Exception):
    """Sign-in refused; the message is safe to show (never says whether the user exists)."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_strength(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise Invalid(f"kata sandi minimal {MIN_PASSWORD} karakter")


def new_password() -> str:
    return secrets.token_urlsafe(12)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


LOCKED = ("Terlalu banyak percobaan masuk yang gagal dari perangkat ini. Coba lagi dalam {mins} menit atau "
          "hubungi administrator.")


def _throttle(s: Session, key: str) -> LoginThrottle:
    row = s.get(LoginThrottle, key)
    if row is None:
        row = LoginThrottle(key=key, failures=0)
        s.add(row)
    return row


def _locked(s: Session, keys: list[str], now) -> int | None:
    """Minutes left when any of the throttle keys is locked."""
    until = [r.locked_until for r in s.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(keys)))
             if r.locked_until and r.locked_until > now]
    return max(1, int((max(until) - now).total_seconds() // 60) + 1) if until else None


def login(s: Session, username: str, password: str, client: str = "") -> tuple[User, str, str]:
    """(user, session token, csrf token); raises AuthError. Commits failure counts itself.

    Failures are counted per (account, client) and per client: someone elsewhere cannot lock the real user
    out, and unknown accounts are answered exactly like known ones (same messages, a password hash is
    always checked)."""
    name = (username or "").strip().lower()[:80]
    user = s.scalar(select(User).where(User.username == name))
    now = utcnow()
    generic = AuthError("Nama pengguna atau kata sandi salah.")
    keys = [f"akun:{name}|klien:{client}"[:300], f"klien:{client}"[:300]]
    mins = _locked(s, keys, now)
    ok = False
    try:
        _hasher.verify(user.password_hash if user is not None and user.active else _DUMMY, password or "")
        ok = user is not None and user.active and mins is None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        pass
    if mins is not None:
        audit.record(s, _who(user, name), "auth.login_locked", "user", user.id if user else "",
                     detail={"client": client, "username": name})
        s.commit()
        raise AuthError(LOCKED.format(mins=mins))
    if not ok:
        limit = int(config.get(s, "auth.max_failures"))
        detail = {"client": client, "username": name}
        for key, allowed in zip(keys, (limit, limit * 4)):
            row = _throttle(s, key)
            row.failures, row.updated_at = (row.failures or 0) + 1, now
            if row.failures >= allowed:
                row.locked_until = now + timedelta(minutes=int(config.get(s, "auth.lockout_minutes")))
                row.failures = 0
                detail["locked_until"] = row.locked_until.isoformat()
        audit.record(s, _who(user, name), "auth.login_failed", "user", user.id if user else "",
                     detail=detail)
        s.commit()
        raise generic
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    s.execute(delete(LoginThrottle).where(LoginThrottle.key == keys[0]))
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    hours = int(config.get(s, "auth.session_hours"))
    s.add(LoginSession(token_hash=_token_hash(token), user_id=user.id, csrf_token=csrf,
                       expires_at=now + timedelta(hours=hours)))
    s.execute(delete(LoginSession).where(LoginSession.expires_at < now))
    audit.record(s, Actor.of(user), "auth.login", "user", user.id, detail={"client": client})
    s.commit()
    return user, token, csrf


def _who(user: User | None, name: str) -> Actor:
    return Actor.of(user) if user is not None else Actor(None, name or "?", "", "")


def unlock(s: Session, actor: Actor | None, username: str) -> int:
    """Lift every sign-in lock of an account (all clients); returns how many were lifted."""
    name = (username or "").strip().lower()
    user = s.scalar(select(User).where(User.username == name))
    if user is None:
        raise NotFound(f"pengguna {name!r} tidak ada")
    n = s.execute(delete(LoginThrottle).where(LoginThrottle.key.like(f"akun:{name}|%"))).rowcount or 0
    user.locked_until, user.failed_logins = None, 0
    audit.record(s, actor, "user.unlock", "user", user.id, detail={"locks": n})
    return n


_U, _LS = User.__table__.c, LoginSession.__table__.c
_SIGNED_IN = (select(_U.id, _U.username, _U.role, _U.scope, _U.region_id, _U.unit_id, _U.nip, _U.full_name, _U.active,
                     _LS.csrf_token, _LS.expires_at)
              .join_from(LoginSession.__table__, User.__table__, _LS.user_id == _U.id))


def signed_in(s: Session, token: str | None) -> tuple[Actor, str] | None:
    """The actor a sign-in token stands for, and its CSRF token: the lookup of every request, as one query of
    table columns (no ORM objects or ORM statement to build: a third of the CPU)."""
    if not token:
        return None
    row = s.execute(_SIGNED_IN.where(_LS.token_hash == _token_hash(token))).first()
    if row is None or row.expires_at < utcnow() or not row.active:
        return None
    return Actor(*row[:8]), row.csrf_token


def logout(s: Session, token: str | None) -> None:
    found = signed_in(s, token)
    if found:
        actor, _ = found
        s.execute(delete(LoginSession).where(LoginSession.token_hash == _token_hash(token)))
        audit.record(s, actor, "auth.logout", "user", actor.id)
        s.commit()


# --- user administration ---------------------------------------------------------------------------

def user_dict(u: User) -> dict:
    return {"id": u.id, "username": u.username, "full_name": u.full_name, "role": u.role,
            "role_label": ROLES.get(u.role, u.role), "scope": u.scope, "region_id": u.region_id,
            "region": u.region.name if u.region else None, "unit_id": u.unit_id,
            "unit": u.unit.name if u.unit else None, "nip": u.nip, "email": u.email, "active": u.active,
            "locked": _is_locked(u),
            "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None}


def _is_locked(u: User) -> bool:
    from sqlalchemy.orm import object_session
    s = object_session(u)
    if s is None:
        return False
    return bool(s.scalar(select(LoginThrottle.key).where(LoginThrottle.key.like(f"akun:{u.username}|%"),
                                                         LoginThrottle.locked_until > utcnow()).limit(1)))


def list_users(s: Session, actor: Actor) -> list[dict]:
    actor.require("admin")
    return [user_dict(u) for u in s.scalars(select(User).order_by(User.username))]


def _validate(s: Session, role: str, scope: str, region_id, unit_id) -> tuple[int | None, int | None]:
    if role not in ROLES:
        raise Invalid(f"peran tidak dikenal: {role!r}")
    if scope not in ROLE_SCOPES[role]:
        raise Invalid(f"peran {ROLES[role]} hanya boleh cakupan: {', '.join(ROLE_SCOPES[role])}")
    region_id = int(region_id) if region_id not in (None, "") else None
    unit_id = int(unit_id) if unit_id not in (None, "") else None
    if scope == "unit":
        unit = s.get(Unit, unit_id) if unit_id else None
        if unit is None:
            raise Invalid("cakupan unit memerlukan unit")
        return unit.region_id, unit.id
    if scope == "regional":
        if region_id is None or s.get(Region, region_id) is None:
            raise Invalid("cakupan wilayah memerlukan wilayah (Kanwil)")
        return region_id, None
    return None, None


def _email(v: str | None) -> str | None:
    v = (v or "").strip()
    if not v:
        return None
    if len(v) > 200 or "@" not in v or " " in v or v.startswith("@") or v.endswith("@"):
        raise Invalid(f"alamat surel tidak sah: {v[:60]!r}")
    return v


def create_user(s: Session, actor: Actor, username: str, full_name: str, role: str, scope: str,
                region_id=None, unit_id=None, nip: str | None = None, password: str | None = None,
                email: str | None = None) -> tuple[User, str]:
    """Returns the user and the password (generated when not given: show it once)."""
    actor.require("admin")
    username = (username or "").strip().lower()
    if not username or not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise Invalid("nama pengguna hanya huruf, angka, titik, garis bawah, tanda hubung")
    if s.scalar(select(User.id).where(User.username == username)):
        raise Invalid(f"nama pengguna {username!r} sudah dipakai")
    region_id, unit_id = _validate(s, role, scope, region_id, unit_id)
    password = password or new_password()
    check_password_strength(password)
    u = User(username=username, full_name=(full_name or "").strip(), password_hash=hash_password(password), role=role,
             scope=scope, region_id=region_id, unit_id=unit_id, nip=(nip or None), email=_email(email))
    s.add(u)
    s.flush()
    audit.record(s, actor, "user.create", "user", u.id, detail={"username": username, "role": role, "scope": scope,
                                                                 "region_id": region_id, "unit_id": unit_id})
    return u, password


def update_user(s: Session, actor: Actor, user_id: int, **changes) -> User:
    actor.require("admin")
    u = s.get(User, user_id)
    if u is None:
        raise NotFound("pengguna tidak ditemukan")
    role = changes.get("role") or u.role
    scope = changes.get("scope") or u.scope
    region_id, unit_id = _validate(s, role, scope, changes.get("region_id", u.region_id),
                                   changes.get("unit_id", u.unit_id))
    detail = {}
    for k, v in (("role", role), ("scope", scope), ("region_id", region_id), ("unit_id", unit_id)):
        if getattr(u, k) != v:
            detail[k] = v
            setattr(u, k, v)
    if "email" in changes and changes["email"] is not None:
        changes["email"] = _email(changes["email"])
    for k in ("full_name", "nip", "active", "email"):
        if k in changes and changes[k] is not None and getattr(u, k) != changes[k]:
            setattr(u, k, changes[k])
            detail[k] = changes[k]
    if changes.get("unlock"):
        s.execute(delete(LoginThrottle).where(LoginThrottle.key.like(f"akun:{u.username}|%")))
        u.locked_until, u.failed_logins = None, 0
        detail["unlock"] = True
    if changes.get("password"):
        check_password_strength(changes["password"])
        u.password_hash = hash_password(changes["password"])
        s.execute(delete(LoginSession).where(LoginSession.user_id == u.id))
        detail["password"] = "diubah"
    if detail.get("active") is False or "role" in detail or "scope" in detail:
        s.execute(delete(LoginSession).where(LoginSession.user_id == u.id))
    audit.record(s, actor, "user.update", "user", u.id, detail=detail)
    return u


def change_own_password(s: Session, actor: Actor, old: str, new: str, keep_token: str | None = None) -> None:
    """Change one's password; every other session of the user ends (this one, `keep_token`, stays)."""
    u = s.get(User, actor.id)
    try:
        _hasher.verify(u.password_hash, old or "")
    except (VerificationError, InvalidHashError):
        raise Invalid("kata sandi lama salah") from None
    check_password_strength(new)
    u.password_hash = hash_password(new)
    q = delete(LoginSession).where(LoginSession.user_id == u.id)
    if keep_token:
        q = q.where(LoginSession.token_hash != _token_hash(keep_token))
    ended = s.execute(q).rowcount or 0
    audit.record(s, actor, "user.password", "user", u.id, detail={"sessions_ended": ended})
