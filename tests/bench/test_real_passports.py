"""The passports half of the real-photo table: our annotation of every specimen's MRZ is itself valid (or
marked as printed with wrong check digits), and a read is judged field by field against it."""

from __future__ import annotations

from dataclasses import replace

from kiosk.bench.real_photos import _judge, expected_document, load_manifest, wrong_fields
from kiosk.domain.mrz import MrzError, parse_travel_document


def entry_for(name: str) -> dict[str, object]:
    return next(e for e in load_manifest("passports.json")["documents"] if e["path"].endswith(name))


def test_every_expected_specimen_has_an_annotation_that_passes_its_check_digits() -> None:
    documents = load_manifest("passports.json")["documents"]
    expected = [e for e in documents if e["expect"] in ("TD1", "TD3")]
    assert len(expected) >= 30
    for entry in expected:
        lines = entry["mrz"]
        assert len(lines) == (2 if entry["expect"] == "TD3" else 3), entry["path"]
        if entry.get("check_digits_valid") is False:
            try:
                parse_travel_document(lines)
            except MrzError:
                continue
            raise AssertionError(f"{entry['path']} is marked as printed with wrong check digits but parses")
        document = expected_document(entry)
        assert document is not None and document.format == entry["expect"], entry["path"]


def test_a_read_is_right_only_when_every_field_is() -> None:
    entry = entry_for("43_pass-fra.jpg")
    truth = expected_document(entry)
    assert truth is not None and truth.given_names == "CHRISTOPHE"
    assert _judge(entry, truth) == ("right", [], False)
    wrong = replace(truth, given_names="CHRISTOPHF")
    assert wrong_fields(wrong, truth) == ["given_names"]
    assert _judge(entry, wrong) == ("misread", ["given_names"], False)
    assert _judge(entry, None) == ("refused", [], False)


def test_accepting_a_specimen_printed_with_wrong_check_digits_is_a_misread() -> None:
    entry = entry_for("33_id-usa.jpg")
    assert _judge(entry, None) == ("refused", [], True)
    other = expected_document(entry_for("100_id-che.jpg"))
    assert _judge(entry, other)[0] == "misread"
