"""Rules 1 and 2: what lifts a finding to review never confirms it.

Two things raise a score that the model alone left below the review point: hate in the strongest words with a
classifier leaning to it (the floor), and explicit hate in a draft check. Both mean "a human should look";
neither is the score reaching the confirm point. When the review and confirm points coincide (the shipped rule-1
scorer has both at 0,90; an operator may set them so), the lifted score equals the confirm point, and it once
confirmed: 21 of Netifier's 3,066 clean posts where the simulation of the training code confirmed 5.
"""
from dataclasses import replace
from types import MappingProxyType

import pytest

from conftest import make_activity
from rambu.analysis import Resources, analyse
from rambu.contract.activity import parse_activity
from rambu.detectors.rule1_ideology import IdeologyHateDetector
from rambu.detectors.rule2_sara import SaraHateDetector
from rambu.settings import Config

# Hate in the strongest words that the classifiers lean to without their score reaching review: the floor's case.
FLOORED = [
    (IdeologyHateDetector, "pemerintah goblok semua, rezim anjing"),
    (IdeologyHateDetector, "Negara kafir gak wajib dipatuhi, tolak pancasila"),
    (IdeologyHateDetector, "Indonesia harus jadi negara syariah, demokrasi produk kafir"),
    (SaraHateDetector, "Papua monyet, pulang saja ke hutan"),
    (SaraHateDetector, "Yahudi laknat, bunuh semua"),
]


def _findings(cls, text: str, resources: Resources, points: float | None = None, draft: bool = False):
    det = cls(resources)
    if points is not None:  # the scorer's own points coincide (as a retrained scorer's may)
        det.scorer = replace(det.scorer, review=points, confirm=points)
        det.report_threshold = det.violation_threshold = points
    return det.run(analyse(parse_activity(make_activity(text)), resources, draft=draft))


@pytest.mark.parametrize("cls,text", FLOORED)
def test_the_floor_lifts_to_review_and_never_confirms(cls, text, full_resources):
    findings = _findings(cls, text, full_resources, points=0.97)
    assert findings, text  # the floor still brings it to a human
    f = findings[0]
    assert f.needs_review, (text, f.score_detail)
    assert any("diajukan untuk ditinjau" in step for step in f.score_detail)


@pytest.mark.parametrize("cls,text", FLOORED)
def test_a_draft_check_lifts_to_review_and_never_confirms(cls, text, full_resources):
    key = cls.key
    values = dict(full_resources.config.values)
    values[f"{key}.threshold"] = values[f"{key}.violation_threshold"] = 0.98
    res = Resources(config=Config(MappingProxyType(values)), classifier=full_resources.classifier)
    findings = _findings(cls, text, res, draft=True)
    assert findings and findings[0].needs_review, (text, findings and findings[0].score_detail)
    assert any("pemeriksaan draf" in step for step in findings[0].score_detail)


@pytest.mark.parametrize("cls,text", [(IdeologyHateDetector, "P4NC4S1L4 s4mp4h, ganti aja sama khilafah!!!"),
                                      (SaraHateDetector, "anjing lu cina, balik ke negara lu")])
def test_a_score_at_the_confirm_point_still_confirms(cls, text, full_resources):
    """The other side: coinciding points do not stop a score that reaches them by itself."""
    findings = _findings(cls, text, full_resources, points=0.5)
    assert findings and not findings[0].needs_review, findings and findings[0].score_detail
