"""Field encryption (SM4-GCM) and blind indexes (HMAC-SM3) for personal data at rest.

Ciphertext format: "sm4gcm:<key id>:<base64(nonce | ciphertext | tag)>". The field's context string is
bound in as associated data, so a ciphertext copied into another column fails to decrypt.
Keys come from a KeyProvider; the default reads the environment (see docs/decisions/0004-encryption.md).
"""

import base64
import hashlib
import hmac
import os
from functools import cache
from typing import Protocol

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.module_loading import import_string

PREFIX = "sm4gcm"
NONCE_BYTES = 12
TAG_BYTES = 16


class KeyProvider(Protocol):
    def current_key(self) -> tuple[int, bytes]:
        """The (id, key) that encrypts new values."""

    def key(self, key_id: int) -> bytes:
        """The key with this id, to decrypt older values."""

    def index_key(self) -> bytes:
        """The key of the blind index."""


class EnvKeyProvider:
    """Keys from settings.FIELD_KEYS ("1:hex,2:hex") and settings.INDEX_KEY (hex, 32 bytes or more)."""

    def __init__(self, field_keys: str, index_key: str) -> None:
        self._keys: dict[int, bytes] = {}
        try:
            for item in field_keys.split(","):
                key_id, hex_key = item.strip().split(":")
                self._keys[int(key_id)] = bytes.fromhex(hex_key)
            self._index_key = bytes.fromhex(index_key)
        except ValueError:
            raise ImproperlyConfigured("SQJZ_FIELD_KEYS must be 'id:hex,...' and SQJZ_INDEX_KEY hex.") from None
        if not self._keys or any(len(k) != 16 for k in self._keys.values()):
            raise ImproperlyConfigured("SQJZ_FIELD_KEYS needs at least one 128-bit (32 hex digits) SM4 key.")
        if len(self._index_key) < 32:
            raise ImproperlyConfigured("SQJZ_INDEX_KEY must be at least 256 bits (64 hex digits).")

    def current_key(self) -> tuple[int, bytes]:
        key_id = max(self._keys)
        return key_id, self._keys[key_id]

    def key(self, key_id: int) -> bytes:
        return self._keys[key_id]

    def index_key(self) -> bytes:
        return self._index_key


@cache
def key_provider() -> KeyProvider:
    path = getattr(settings, "FIELD_KEY_PROVIDER", None)
    if path:
        return import_string(path)()
    return EnvKeyProvider(settings.FIELD_KEYS, settings.INDEX_KEY)


def encrypt(plaintext: str, *, context: str) -> str:
    key_id, key = key_provider().current_key()
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(context.encode())
    body = encryptor.update(plaintext.encode()) + encryptor.finalize()
    blob = base64.b64encode(nonce + body + encryptor.tag).decode()
    return f"{PREFIX}:{key_id}:{blob}"


def decrypt(token: str, *, context: str) -> str:
    prefix, key_id, blob = token.split(":", 2)
    if prefix != PREFIX:
        raise ValueError("not an sm4gcm ciphertext")
    raw = base64.b64decode(blob)
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(key_provider().key(int(key_id))), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(context.encode())
    return (decryptor.update(body) + decryptor.finalize()).decode()


def blind_index(value: str, *, context: str) -> str:
    """A keyed SM3 digest of the normalised value, for exact-match search without decrypting."""
    normalised = value.strip().upper()
    return hmac.new(key_provider().index_key(), f"{context}\x00{normalised}".encode(), "sm3").hexdigest()


class EncryptedCharField(models.TextField):
    """A string stored SM4-GCM encrypted; reads give plaintext. Filter by a blind index beside it."""

    def __init__(self, *args, context: str, **kwargs) -> None:
        self.context = context
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["context"] = self.context
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt(value, context=self.context)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(value, context=self.context)


def secret_digest(secret: str) -> str:
    """What is kept of a random secret handed out once (a bound phone's, a gateway's or a partner agency's token):
    a 256-bit random value needs no slow password hash, its SHA-256 is enough to recognise it (decision 0022)."""
    return hashlib.sha256(secret.encode()).hexdigest()
