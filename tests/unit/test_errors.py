from __future__ import annotations

import pickle

import pytest

from samverkan_desktop.domain.errors import DomainError


def test_message_names_field_and_str_is_message() -> None:
    err = DomainError("Organisationsnummer", "kontrollsiffran stämmer inte (Luhn)")
    assert err.field == "Organisationsnummer"
    assert err.message == "Organisationsnummer: kontrollsiffran stämmer inte (Luhn)"
    assert str(err) == err.message


def test_message_already_naming_field_is_kept() -> None:
    err = DomainError("Slutdatum", "Slutdatum ligger före startdatum")
    assert str(err) == "Slutdatum ligger före startdatum"


def test_is_value_error_and_picklable() -> None:
    with pytest.raises(ValueError, match="Årsavgift"):
        raise DomainError("Årsavgift", "får inte vara negativ")
    err = pickle.loads(pickle.dumps(DomainError("Årsavgift", "får inte vara negativ")))
    assert (err.field, err.message) == ("Årsavgift", "Årsavgift: får inte vara negativ")
