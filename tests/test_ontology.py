"""The PLOVER crosswalk (``dotterel/data/ontology/plover.csv``): one row per type at least,
quad classes as in the PLOVER manual (SANCTION in quad 4, a documented decision), Goldstein
values in range, and a KeyError for a type PLOVER does not have."""

from __future__ import annotations

import pytest

from dotterel.ontology import EVENT_TYPES, YIELD, crosswalk, quad, table

# The PLOVER manual's quad classes; SANCTION sits in both 3 and 4 there, and dotterel puts
# it in 4 (data/ontology/README.md: CAMEO root 16 is quad 4 in GDELT).
QUADS = {
    1: {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"},
    2: {"COOPERATE", "AID", "RETREAT"},
    3: {"REQUEST", "ACCUSE", "REJECT", "THREATEN"},
    4: {"PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "SANCTION"},
}
EXPECTED_QUAD = {t: q for q, types in QUADS.items() for t in types}


def test_sixteen_types():
    assert len(EVENT_TYPES) == len(set(EVENT_TYPES)) == 16
    assert set(EXPECTED_QUAD) == set(EVENT_TYPES)


@pytest.mark.parametrize("event", EVENT_TYPES)
def test_every_type_has_a_default_row(event):
    assert (event, None) in table()
    row = crosswalk(event)
    assert row.event == event and row.mode is None
    assert 1 <= row.quad <= 4
    assert -10.0 <= row.goldstein <= 10.0


@pytest.mark.parametrize("event", EVENT_TYPES)
def test_quad_follows_plover(event):
    assert quad(event) == EXPECTED_QUAD[event]


def test_sanction_is_material_conflict():
    assert quad("SANCTION") == 4
    assert all(r.quad == 4 for (ev, _), r in table().items() if ev == "SANCTION")


def test_every_row_is_consistent():
    for (event, mode), row in table().items():
        assert event in EVENT_TYPES
        assert row.quad == EXPECTED_QUAD[event], (event, mode)
        assert -10.0 <= row.goldstein <= 10.0, (event, mode)
        assert row.cameo.isdigit() and 2 <= len(row.cameo) <= 4, (event, mode)
        assert row.cameo_root == row.cameo[:2]
        assert row.meaning.strip()


def test_goldstein_sign_follows_cooperation_and_conflict():
    for (event, mode), row in table().items():
        if EXPECTED_QUAD[event] <= 2:
            assert row.goldstein >= 0, (event, mode)
        else:
            assert row.goldstein < 0, (event, mode)


def test_mode_rows_and_fallback():
    assert crosswalk("SANCTION", "expel").cameo == "166"
    assert crosswalk("CONSULT", "visit").cameo == "042"
    # a mode without its own row falls back to the event's default row
    assert crosswalk("ASSAULT", "no-such-mode") == crosswalk("ASSAULT")


@pytest.mark.parametrize("bad", ["YIELD", "FIGHT", "assault", ""])
def test_unknown_type_raises_key_error(bad):
    with pytest.raises(KeyError, match="unknown PLOVER event type"):
        crosswalk(bad)
    with pytest.raises(KeyError):
        quad(bad)


def test_yield_covers_concede_and_retreat():
    assert set(YIELD) == {"CONCEDE", "RETREAT"} and set(YIELD) <= set(EVENT_TYPES)
