"""Word lists match what people write: a slang word that stands for a listed phrase is that phrase."""
from __future__ import annotations

import pytest

from rambu.text.lexicon import Lexicon, TermSet
from rambu.text.normalize import normalize

PHRASES = {"warga binaan": "inmates", "pemerintah daerah": "government", "tidak boleh": "modal"}


def _terms(text: str, indexed: bool) -> list[str]:
    if indexed:
        ts = Lexicon().termset(list(PHRASES.items()))
    else:
        ts = TermSet(PHRASES)
    return [m.label for m in ts.find(normalize(text))]


@pytest.mark.parametrize("indexed", [False, True], ids=["plain", "indexed"])
@pytest.mark.parametrize("text, expected", [
    ("15 WBP dipindahkan besok", ["inmates"]),  # slang for the phrase
    ("15 warga binaan dipindahkan besok", ["inmates"]),
    ("Pemda lambat menangani banjir", ["government"]),
    ("gaboleh begitu", ["modal"]),
    # hard negatives: the phrase's words apart, or one of them alone
    ("warga desa dan binaan karang taruna", []),
    ("pemerintah pusat dan daerah", []),
    ("tidak ada yang boleh masuk", []),
])
def test_slang_for_a_phrase(text, expected, indexed):
    assert _terms(text, indexed) == expected


VERBS = {"pindah": "move", "tusuk": "stab", "pancung": "behead", "pukul": "hit"}


@pytest.mark.parametrize("indexed", [False, True], ids=["plain", "indexed"])
@pytest.mark.parametrize("text, expected", [
    # colloquial verbs bare the nasal and end in "-in"
    ("nanti malem kita mindahin napi", ["move"]),
    ("dia nusukin orang itu", ["stab"]),
    ("mukulin maling", ["hit"]),
    ("memindahkan napi", ["move"]),
    # hard negatives: a bare nasal without "-in" is a word of its own
    ("hidungnya mancung banget", []),
    ("minta tolong dong", []),
    ("mainin hp terus", []),
])
def test_colloquial_verbs(text, expected, indexed):
    ts = Lexicon().termset(list(VERBS.items())) if indexed else TermSet(VERBS)
    assert [m.label for m in ts.find(normalize(text))] == expected
