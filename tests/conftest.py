from __future__ import annotations

import os
import re
import tempfile

import pytest

from rambu.analysis import Resources, analyse
from rambu.contract.activity import parse_activity
from rambu.settings import default_config

# media extraction results of the tests go to a throw-away cache, not the user's ~/.cache/rambu/media
os.environ.setdefault("RAMBU_MEDIA_CACHE", tempfile.mkdtemp(prefix="rambu-test-media-"))


def make_activity(text: str | None = None, type: str = "post", **kw) -> dict:
    a = {"id": kw.pop("id", "t-1"), "type": type, "created_at": kw.pop("created_at", "2025-03-15T20:00:00+07:00")}
    if text is not None:
        a["text"] = text
    a.update(kw)
    return a


def run_detector(cls, activity: dict, resources: Resources | None = None, draft: bool = False):
    """Findings of one detector on one activity (dict in the contract); `draft`: a pre-publication check.
    Every rule table runs through here, so every row also checks that the explanations read as Indonesian
    numbers do."""
    res = resources or Resources(config=default_config())
    det = cls(res)
    findings = det.run(analyse(parse_activity(activity), res, draft=draft))
    assert not decimal_points(findings), decimal_points(findings)
    return findings


# A quote is the post's own words, kept as written. Outside quotes, a score or factor (one digit, a point,
# one or two decimals: "0.85", "x0.5") is written the English way; clock times ("07.30-16.00 WIB") are
# Indonesian as they are, and a thousands dot has three digits.
_QUOTED_RE = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”")
_DECIMAL_POINT_RE = re.compile(r"(?<![\d.])\d\.\d{1,2}(?![\d.])")


def decimal_points(findings) -> list[str]:
    """Lines of explanation a user reads (explanation, score steps) that write a decimal point."""
    lines = [line for f in findings for line in (f.explanation, *f.score_detail)]
    return [line for line in lines if _DECIMAL_POINT_RE.search(_QUOTED_RE.sub("", line))]


@pytest.fixture
def resources():
    return Resources(config=default_config())


@pytest.fixture(scope="session")
def full_resources():
    """Resources as the product runs them: default settings and the bundled classifier."""
    from rambu.engine import _bundled_classifier
    config = default_config()
    return Resources(config=config, classifier=_bundled_classifier(config))


def evidence_quotes_original(activity: dict, findings) -> bool:
    """Every evidence quote is exactly the original text at its span."""
    def value(path: str):
        obj = activity
        for part in path.replace("]", "").replace("[", ".").split("."):
            obj = obj[int(part)] if part.isdigit() else obj[part]
        return obj
    for f in findings:
        for e in f.evidence:
            src = value(e.field)
            if isinstance(src, str) and src[e.start:e.end] != e.quote:
                return False
    return True
