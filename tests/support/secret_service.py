"""A real Secret Service for keyring tests: skipped where none runs, required on CI."""

from __future__ import annotations

import os
import uuid

import keyring
import pytest
from keyring.errors import KeyringError

from desktop_app.core.settings.keys import KeyStore


def secret_service_or_skip() -> KeyStore:
    """Switch keyring to the Secret Service and return a store under a throw-away service name.

    Skips the test when no Secret Service answers, unless TALLY_REQUIRE_SECRET_SERVICE=1.
    """
    from keyring.backends import SecretService
    from secretstorage.exceptions import SecretStorageException

    backend = SecretService.Keyring()
    try:
        backend.get_password("tally-probe", "probe")
    except (SecretStorageException, KeyringError) as exc:
        if os.environ.get("TALLY_REQUIRE_SECRET_SERVICE") == "1":
            raise
        pytest.skip(f"no Secret Service here ({exc}); .ci/with-secret-service provides one")
    keyring.set_keyring(backend)
    # A service name of its own, so that the test never touches a user's real Tally keys.
    return KeyStore(service=f"Tally-test-{uuid.uuid4().hex}")
