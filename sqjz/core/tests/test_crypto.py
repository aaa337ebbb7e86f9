"""Field encryption (SM4-GCM), key rotation and blind indexes (HMAC-SM3)."""

import base64

import pytest
from cryptography.exceptions import InvalidTag
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from sqjz.core import crypto
from sqjz.core.crypto import EnvKeyProvider, blind_index, decrypt, encrypt

KEY_1 = "000102030405060708090a0b0c0d0e0f"
KEY_2 = "f0e0d0c0b0a090807060504030201000"
INDEX_KEY = "101112131415161718191a1b1c1d1e1f101112131415161718191a1b1c1d1e1f"
OTHER_INDEX_KEY = "202122232425262728292a2b2c2d2e2f202122232425262728292a2b2c2d2e2f"


@pytest.fixture
def keys():
    """Switch the process-wide key provider to other settings for one test, and back afterwards."""

    def _use(field_keys: str, index_key: str = INDEX_KEY):
        crypto.key_provider.cache_clear()
        override = override_settings(FIELD_KEYS=field_keys, INDEX_KEY=index_key)
        override.enable()
        overrides.append(override)

    overrides = []
    crypto.key_provider.cache_clear()
    yield _use
    for override in reversed(overrides):
        override.disable()
    crypto.key_provider.cache_clear()


@pytest.mark.parametrize("plaintext", ["11010519491231002X", "13912345678", "张三 云南省玉溪市红塔区", " ", "x", ""])
def test_decrypting_gives_back_the_plaintext(plaintext):
    token = encrypt(plaintext, context="test.field")
    assert token.startswith("sm4gcm:1:")
    assert decrypt(token, context="test.field") == plaintext


@given(st.text(max_size=200))
def test_any_text_survives_a_round_trip(plaintext):
    assert decrypt(encrypt(plaintext, context="prop"), context="prop") == plaintext


def test_ciphertext_does_not_contain_the_plaintext():
    token = encrypt("11010519491231002X", context="test.field")
    assert "11010519491231002X" not in token


def test_same_plaintext_encrypts_differently_each_time():
    tokens = {encrypt("11010519491231002X", context="test.field") for _ in range(20)}
    assert len(tokens) == 20


def test_ciphertext_moved_to_another_column_fails_to_decrypt():
    token = encrypt("11010519491231002X", context="supervisee.id_number")
    with pytest.raises(InvalidTag):
        decrypt(token, context="supervisee.phone")


@pytest.mark.parametrize("position", [0, 12, 20, -1])  # nonce, body, body, tag
def test_tampered_ciphertext_fails_to_decrypt(position):
    prefix, key_id, blob = encrypt("13912345678", context="test.field").split(":", 2)
    raw = bytearray(base64.b64decode(blob))
    raw[position] ^= 0x01
    tampered = f"{prefix}:{key_id}:{base64.b64encode(bytes(raw)).decode()}"
    with pytest.raises(InvalidTag):
        decrypt(tampered, context="test.field")


def test_value_that_is_not_an_sm4gcm_ciphertext_is_refused():
    with pytest.raises(ValueError, match="not an sm4gcm ciphertext"):
        decrypt("aes:1:AAAA", context="test.field")


def test_provider_with_two_keys_encrypts_with_the_newest_and_keeps_the_older():
    provider = EnvKeyProvider(f"1:{KEY_1}, 2:{KEY_2}", INDEX_KEY)
    assert provider.current_key() == (2, bytes.fromhex(KEY_2))
    assert provider.key(1) == bytes.fromhex(KEY_1)
    assert provider.index_key() == bytes.fromhex(INDEX_KEY)


def test_after_key_rotation_new_values_use_key_2_and_old_values_still_decrypt(keys):
    keys(f"1:{KEY_1}")
    old = encrypt("11010519491231002X", context="test.field")
    keys(f"1:{KEY_1},2:{KEY_2}")
    new = encrypt("11010519491231002X", context="test.field")
    assert old.startswith("sm4gcm:1:")
    assert new.startswith("sm4gcm:2:")
    assert decrypt(old, context="test.field") == "11010519491231002X"
    assert decrypt(new, context="test.field") == "11010519491231002X"


def test_value_of_a_retired_key_no_longer_decrypts(keys):
    keys(f"1:{KEY_1},2:{KEY_2}")
    new = encrypt("13912345678", context="test.field")
    keys(f"1:{KEY_1}")
    with pytest.raises(KeyError):
        decrypt(new, context="test.field")


def test_blind_index_is_deterministic_and_ignores_case_and_surrounding_space():
    a = blind_index("11010519491231002X", context="supervisee.id_number")
    assert a == blind_index("11010519491231002X", context="supervisee.id_number")
    assert a == blind_index(" 11010519491231002x ", context="supervisee.id_number")
    assert len(a) == 64  # SM3: 256 bits in hex
    assert a != blind_index("110105194912310021", context="supervisee.id_number")


def test_blind_index_differs_between_contexts():
    assert blind_index("13912345678", context="supervisee.phone") != blind_index(
        "13912345678", context="family_contact.phone"
    )


def test_blind_index_depends_on_the_index_key(keys):
    keys(f"1:{KEY_1}", INDEX_KEY)
    first = blind_index("13912345678", context="supervisee.phone")
    keys(f"1:{KEY_1}", OTHER_INDEX_KEY)
    assert blind_index("13912345678", context="supervisee.phone") != first


@pytest.mark.parametrize(
    ("field_keys", "index_key"),
    [
        ("", INDEX_KEY),  # no key at all
        (KEY_1, INDEX_KEY),  # id missing
        (f"one:{KEY_1}", INDEX_KEY),  # id not a number
        ("1:not-hex", INDEX_KEY),
        ("1:00010203", INDEX_KEY),  # 32 bits, not 128
        (f"1:{KEY_1}00", INDEX_KEY),  # 136 bits
        (f"1:{KEY_1},2:0001", INDEX_KEY),  # one short key among good ones
        (f"1:{KEY_1}", INDEX_KEY[:-2]),  # index key of 248 bits
        (f"1:{KEY_1}", "zz" * 32),
    ],
)
def test_malformed_or_short_keys_are_refused_at_start_up(field_keys, index_key):
    with pytest.raises(ImproperlyConfigured):
        EnvKeyProvider(field_keys, index_key)


def _raw_columns(pk: int) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM supervisees_supervisee WHERE id = %s", [pk])
        return cursor.fetchone()


def test_identity_number_and_phone_are_stored_encrypted_and_read_back_in_plain(world):
    person = world.people["A"]
    raw_id, raw_phone = _raw_columns(person.pk)
    assert raw_id.startswith("sm4gcm:")
    assert raw_phone.startswith("sm4gcm:")
    assert person.id_number not in raw_id
    assert person.id_number[-8:] not in raw_id
    assert person.phone not in raw_phone
    assert person.phone[-8:] not in raw_phone
    reloaded = type(person).objects.get(pk=person.pk)
    assert reloaded.id_number == person.id_number
    assert reloaded.phone == person.phone
    assert len(reloaded.id_number) == 18 and reloaded.id_number[:6] == "530402"


def test_empty_phone_is_stored_empty_not_encrypted(world):
    person = world.people["B"]
    person.phone = ""
    person.save()
    assert _raw_columns(person.pk)[1] == ""
