"""The audit log's keys, kept outside the database: an HMAC secret and an Ed25519 signing key.

Someone who can write the database can recompute a plain hash chain; they cannot recompute the entries'
HMACs without the secret, nor sign checkpoints without the private key. The keys live in a folder of
their own (`RAMBU_KEY_DIR`, default `~/.config/rambu/keys`), one pair per installation (the database's
`_install_id`), created on first use with owner-only permissions. Keep a copy of the folder with the
backups of the server, not with the database's.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

_CACHE: dict[tuple[str, str], "AuditKeys"] = {}
_LOCK = threading.Lock()


def key_dir() -> Path:
    base = os.environ.get("RAMBU_KEY_DIR")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "rambu" / "keys"


_INSTALLS: dict[str, str] = {}  # database URL -> its installation id (written once, by the first migration)


def install_id(s: Session) -> str:
    from .models import Setting
    url = str(s.get_bind().url)
    got = _INSTALLS.get(url)
    if got is not None:
        return got
    v = s.scalar(select(Setting.value).where(Setting.key == "_install_id"))
    if v:
        _INSTALLS[url] = str(v)
    return str(v) if v else "default"


@dataclass(frozen=True)
class AuditKeys:
    install: str
    secret: bytes | None  # None when this machine has no copy (verification of signatures only)
    private_pem: bytes | None
    public_hex: str | None

    def mac(self, text: str) -> str | None:
        if self.secret is None:
            return None
        return hmac.new(self.secret, text.encode(), hashlib.sha256).hexdigest()

    def sign(self, message: bytes) -> str:
        from cryptography.hazmat.primitives.serialization import load_pem_private_key
        return load_pem_private_key(self.private_pem, None).sign(message).hex()


def verify_signature(public_hex: str, message: bytes, signature_hex: str) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(bytes.fromhex(signature_hex), message)
        return True
    except (InvalidSignature, ValueError):
        return False


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def load(s: Session, create: bool = True) -> AuditKeys:
    """The installation's keys from the key folder (made when missing and `create`)."""
    install = install_id(s)
    folder = key_dir()
    cache_key = (str(folder), install)
    with _LOCK:
        if cache_key in _CACHE:
            return _CACHE[cache_key]
        secret_path, private_path = folder / f"audit-{install}.hmac", folder / f"audit-{install}.ed25519"
        public_path = folder / f"audit-{install}.pub"
        if create and not secret_path.exists():
            from cryptography.hazmat.primitives import serialization
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
            key = Ed25519PrivateKey.generate()
            _write_private(private_path, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                           serialization.NoEncryption()))
            public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
            public_path.write_text(public + "\n")
            _write_private(secret_path, secrets.token_hex(32).encode())
        secret = bytes.fromhex(secret_path.read_text().strip()) if secret_path.exists() else None
        private = private_path.read_bytes() if private_path.exists() else None
        public = public_path.read_text().strip() if public_path.exists() else None
        keys = AuditKeys(install, secret, private, public)
        if secret is not None:
            _CACHE[cache_key] = keys
        return keys
