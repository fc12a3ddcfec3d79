from __future__ import annotations

import pytest

from rambu.analysis import Resources, analyse
from rambu.contract.activity import parse_activity
from rambu.settings import default_config


def make_activity(text: str | None = None, type: str = "post", **kw) -> dict:
    a = {"id": kw.pop("id", "t-1"), "type": type, "created_at": kw.pop("created_at", "2025-03-15T20:00:00+07:00")}
    if text is not None:
        a["text"] = text
    a.update(kw)
    return a


def run_detector(cls, activity: dict, resources: Resources | None = None):
    """Findings of one detector on one activity (dict in the contract)."""
    res = resources or Resources(config=default_config())
    det = cls(res)
    return det.run(analyse(parse_activity(activity), res))


@pytest.fixture
def resources():
    return Resources(config=default_config())
