"""The Python API: Screener.screen, streaming batches, failures that must not stop a batch."""
import dataclasses
import io
import json

import pytest

from conftest import make_activity
from rambu.contract.activity import ContractError
from rambu.engine import Screener, ScreenerSpec, screen_stream
from rambu.results import Result


@pytest.fixture(scope="module")
def screener():
    return Screener(ocr=None)


def test_screen_returns_immutable_contract_result(screener):
    res = screener.screen(make_activity("dasar kafir, usir cina dari sini"))
    assert isinstance(res, Result) and res.decision == "violation"
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.decision = "clean"
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.findings[0].confidence = 0.0
    d = res.to_dict()
    assert set(d) >= {"id", "decision", "findings"}
    f = d["findings"][0]
    assert set(f) >= {"rule", "confidence", "needs_review", "evidence", "explanation", "basis", "sanction"}
    assert f["sanction"]["ethics"] == "sanksi moral"
    assert json.dumps(d, ensure_ascii=False)


def test_clean_activity(screener):
    res = screener.screen(make_activity("Selamat pagi, semangat melayani warga binaan"))
    assert res.decision == "clean" and res.findings == ()


def test_invalid_activity_raises_contract_error_naming_field(screener):
    with pytest.raises(ContractError) as e:
        screener.screen({"id": "x", "type": "post", "created_at": "besok"})
    assert e.value.field == "created_at"


def test_screen_many_streams_in_order_with_errors(screener):
    acts = [make_activity("halo", id="a"), {"id": "b", "type": "nope", "created_at": "2025-01-01T00:00:00+07:00"},
            make_activity("Pancasila itu sampah, ganti dengan khilafah!", id="c"),
            make_activity("pemerintah goblok, rezim anjing", id="d")]
    out = list(screener.screen_many(iter(acts)))
    assert [r.id for r in out] == ["a", "b", "c", "d"]
    assert out[1].decision == "error" and "type" in out[1].errors[0]
    assert out[2].decision == "violation"
    # insulting the government is rule 1 but no data set annotates it: explicit insults go to a reviewer
    assert out[3].decision == "review" and [f.rule for f in out[3].findings] == [1]


def test_a_failing_detector_marks_its_activity_and_the_batch_goes_on(screener):
    class Broken:
        rule, name, version, qualified_name = 9, "broken", 1, "broken@1"

        def run(self, doc):
            if "meledak" in (doc.activity.text or ""):
                raise RuntimeError("boom")
            return []

    s = Screener(ocr=None)
    s.detectors.append(Broken())
    results = list(s.screen_many([make_activity("meledak", id="1"), make_activity("halo", id="2")]))
    assert results[0].decision == "review" and "broken@1" in results[0].errors[0]
    assert results[1].decision == "clean" and not results[1].errors


def test_screen_stream_bounded_and_ordered(screener):
    lines = b"".join(json.dumps(make_activity("halo", id=str(i))).encode() + b"\n" for i in range(50))
    out = list(screen_stream(screener, io.BytesIO(lines), workers=1, chunk_size=7))
    assert [r["id"] for r in out] == [str(i) for i in range(50)]


def test_settings_change_thresholds(tmp_path):
    from rambu.settings import load_config
    cfg = tmp_path / "c.toml"
    cfg.write_text('[settings]\n"rule2.threshold" = 0.99\n', encoding="utf-8")
    s = Screener(load_config(cfg), ocr=None)
    res = s.screen(make_activity("orang batak bodoh semua"))
    assert 2 not in {f.rule for f in res.findings}


def test_rule_can_be_disabled(tmp_path):
    from rambu.settings import load_config
    cfg = tmp_path / "c.toml"
    cfg.write_text('[settings]\n"rule1.enabled" = false\n', encoding="utf-8")
    s = Screener(load_config(cfg), ocr=None)
    assert all(d.rule != 1 for d in s.detectors)


def test_missing_media_is_noted_not_fatal_and_not_clean(tmp_path):
    s = Screener()
    res = s.screen(make_activity("lihat", media=[{"kind": "image", "path": "tidak-ada.jpg"}]))
    assert res.decision == "review" and any("media[0].path" in e for e in res.errors)
    assert [(f.rule, f.needs_review) for f in res.findings] == [(0, True)]


def test_sanction_levels_follow_reach_and_repeat_offences(screener):
    like = screener.screen(make_activity(None, type="like", target={"text": "dasar kafir, usir cina"}))
    post = screener.screen(make_activity("Cina babi, ngerampas tanah pribumi", platform="facebook"))
    wide = screener.screen(make_activity("Cina babi, ngerampas tanah pribumi", platform="facebook",
                                         author={"nip": "1", "followers": 40000}), prior_offences=1)
    lvl = {None: 0, "ringan": 1, "sedang": 2, "berat": 3}
    s_like = [f.sanction for f in like.findings if f.rule == 3][0]
    s_post = [f.sanction for f in post.findings if f.rule == 2][0]
    s_wide = [f.sanction for f in wide.findings if f.rule == 2][0]
    assert lvl[s_like.discipline_level] < lvl[s_post.discipline_level] < lvl[s_wide.discipline_level]
    assert s_post.statement == "pernyataan secara tertutup" and s_post.discipline_level == "ringan"
    assert s_wide.statement == "pernyataan secara terbuka"
    assert "jangkauan luas" in s_wide.reason and "pengulangan" in s_wide.reason


def test_workers_without_fork_rebuild_the_same_screener_from_its_spec():
    from pathlib import Path
    from rambu import engine
    ex = Path(__file__).resolve().parents[1] / "examples"
    spec = ScreenerSpec(None, str(ex / "staff.json"), str(ex / "factchecks.csv"))
    engine._PARENT = None
    engine._init_worker(spec)
    w = engine._WORKER
    assert w is not None and w.spec == spec
    assert w.resources.staff.get("198901142012121003") is not None
    assert w.resources.factchecks is not None
    out = w.screen_chunk([(1, json.dumps(make_activity("Pancasila itu sampah, ganti dengan khilafah!")).encode())],
                         None)
    assert out[0]["decision"] == "violation"


def test_table_valued_setting_in_toml(tmp_path):
    from rambu.settings import load_config
    from rambu.staff.dutytime import DutyCalendar
    cfg = tmp_path / "c.toml"
    cfg.write_text('[settings."office_hours.by_zone"."Asia/Jayapura"]\nfriday = "07:30-15:00"\n', encoding="utf-8")
    config = load_config(cfg)
    assert json.loads(config["office_hours.by_zone"]) == {"Asia/Jayapura": {"friday": "07:30-15:00"}}
    DutyCalendar.from_config(config)
