"""Password hashing (Argon2) and opaque token digests."""

import hashlib
import hmac
import secrets
from functools import lru_cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from app.core.config import get_settings


@lru_cache
def _hasher() -> PasswordHash:
    s = get_settings()
    return PasswordHash(
        (Argon2Hasher(time_cost=s.argon2_time_cost, memory_cost=s.argon2_memory_cost),)
    )


@lru_cache
def _dummy_hash() -> str:
    return _hasher().hash("timing-equaliser-not-a-password")


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Constant-ish time: an unknown user still costs one Argon2 verification."""
    if password_hash is None:
        _hasher().verify(password, _dummy_hash())
        return False
    try:
        return _hasher().verify(password, password_hash)
    except Exception:  # a malformed stored hash is a failed login, not a crash
        return False


def new_secret(prefix: str = "") -> str:
    """A reference token from the CSPRNG: 256 bits (ASVS 7.2.3 asks for >= 128)."""
    return prefix + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    key = get_settings().secret_key.encode()
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()
