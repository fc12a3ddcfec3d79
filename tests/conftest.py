from __future__ import annotations

import os
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
    """Findings of one detector on one activity (dict in the contract); `draft`: a pre-publication check."""
    res = resources or Resources(config=default_config())
    det = cls(res)
    return det.run(analyse(parse_activity(activity), res, draft=draft))


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
