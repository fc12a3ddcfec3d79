"""Rule 8: proportionate sanctions. A first finding of ordinary reach gets the sanksi moral and at most a
light level; every higher level needs stated aggravating facts, each named in the reasons."""
import pytest

from conftest import make_activity
from rambu.analysis import Resources, analyse
from rambu.contract.activity import parse_activity
from rambu.results import Finding
from rambu.sanctions import recommend
from rambu.settings import default_config

RES = Resources(config=default_config())


def finding(rule: int, **extra) -> Finding:
    return Finding(rule=rule, confidence=0.95, needs_review=False, evidence=(), explanation="x", basis=(),
                   detector=f"rule{rule}.x@1", extra=tuple(extra.items()))


def doc(**kw):
    return analyse(parse_activity(make_activity(kw.pop("text", "teks"), **kw)), RES)


CASES = [
    # (id, finding, activity, prior offences, expected level, expected statement, words in the reasons)
    ("first-post", finding(2), doc(platform="facebook"), 0, "ringan", "tertutup", ["pelanggaran pertama"]),
    ("first-post-confident-grave-rule", finding(1), doc(platform="x"), 0, "ringan", "tertutup", ["jangkauan biasa"]),
    ("first-share", finding(3), doc(type="share", target={"text": "x"}), 0, "ringan", "tertutup", []),
    ("like", finding(3), doc(type="like", target={"text": "x"}), 0, None, "tertutup", ["reaksi"]),
    ("live-only", finding(7), doc(type="live", live={"started_at": "2025-03-11T10:00:00+07:00"}), 0, None,
     "tertutup", []),
    ("hoax-first", finding(4), doc(), 0, "ringan", "tertutup", []),
    ("many-followers", finding(2), doc(author={"nip": "1", "followers": 25000}), 0, "sedang", "terbuka",
     ["jangkauan luas", "25.000 pengikut"]),
    ("many-views", finding(5), doc(views=50000), 0, "sedang", "terbuka", ["dilihat 50.000 kali"]),
    ("broadcast", finding(4), doc(type="broadcast", platform="whatsapp", target={"text": "x"}), 0, "sedang",
     "terbuka", ["broadcast"]),
    ("repeat", finding(2), doc(), 2, "sedang", "terbuka", ["pengulangan (2 pelanggaran"]),
    ("violence", finding(2, violence=True), doc(), 0, "sedang", "terbuka", ["ajakan kekerasan"]),
    ("violence-repeat", finding(1, violence=True), doc(), 1, "berat", "terbuka", ["ajakan kekerasan", "pengulangan"]),
    ("violence-repeat-reach", finding(1, violence=True), doc(author={"followers": 90000}), 3, "berat", "terbuka",
     ["ajakan kekerasan", "pengulangan", "jangkauan luas"]),
    ("leak-endangers", finding(6, kind="nik"), doc(), 0, "sedang", "terbuka", ["membahayakan"]),
    ("leak-transfer-plan", finding(6, kind="transfer"), doc(), 0, "sedang", "terbuka", ["membahayakan"]),
    ("leak-harmless-kind", finding(6, kind="other"), doc(), 0, "ringan", "tertutup", []),
    ("like-repeat", finding(3), doc(type="like", target={"text": "x"}), 1, "ringan", "tertutup", ["pengulangan"]),
    ("violence-false", finding(2, violence=False), doc(), 0, "ringan", "tertutup", []),
]


@pytest.mark.parametrize("case_id,f,d,prior,level,statement,words", CASES, ids=[c[0] for c in CASES])
def test_sanction_is_proportionate(case_id, f, d, prior, level, statement, words):
    s = recommend(f, d, prior)
    assert s.ethics == "sanksi moral"
    assert s.discipline_level == level, s.reason
    assert s.statement == f"pernyataan secara {statement}"
    for w in words:
        assert w in s.reason, (w, s.reason)
    if level in ("sedang", "berat"):
        assert "faktor pemberat:" in s.reason  # a graver level always says why
    else:
        assert "faktor pemberat:" not in s.reason or prior  # nothing invented
    assert ("PP 94/2021" in " ".join(s.basis)) == (level is not None)


def test_reach_thresholds_are_settings():
    from types import MappingProxyType
    from rambu.settings import Config
    cfg = default_config()
    cfg = Config(MappingProxyType({**cfg.values, "sanction.wide_reach_followers": 500}))
    d = analyse(parse_activity(make_activity("teks", author={"followers": 800})), Resources(config=cfg))
    assert recommend(finding(2), d).discipline_level == "sedang"


def test_bad_follower_counts_are_ignored():
    for bad in ("banyak", True, None, -5):
        s = recommend(finding(2), doc(author={"followers": bad}))
        assert s.discipline_level == "ringan", bad


def test_unconfirmed_finding_says_so():
    f = Finding(rule=2, confidence=0.7, needs_review=True, evidence=(), explanation="x", basis=(), detector="d")
    assert "bila temuan dikonfirmasi" in recommend(f, doc()).reason
