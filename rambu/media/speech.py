"""Speech to text from a model folder the operator gives by path; nothing is ever downloaded.

Two backends behind one small interface (`transcribe(samples) -> lines`):

* ``faster-whisper``: a CTranslate2 Whisper folder (``model.bin``,
  ``config.json``, ``tokenizer.json``), forced to the configured language
  (Indonesian), with Silero voice-activity filtering (shipped inside the
  faster-whisper wheel). An English-only model (``*.en``) cannot be forced
  and says so in its step detail.
* ``vosk``: a Kaldi model folder (``am/final.mdl``, ``conf/model.conf``).

The model's name (its folder) and a SHA-256 over its files go into every
result that used it. Audio is decoded by ffmpeg to 16 kHz mono.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import time
from functools import lru_cache
from pathlib import Path

import numpy as np

from .extracted import Line, MediaError

RATE = 16000
BACKENDS = ("faster-whisper", "vosk")


class SpeechModelError(ValueError):
    """The operator's model folder is unusable; the message names the folder and what is missing."""


@lru_cache(maxsize=8)
def folder_sha256(path: str) -> str:
    """SHA-256 over the folder's files (relative name and content), in name order."""
    h = hashlib.sha256()
    root = Path(path)
    for p in sorted(q for q in root.rglob("*") if q.is_file()):
        h.update(str(p.relative_to(root)).encode() + b"\0")
        with p.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def detect_backend(model_dir: str) -> str:
    d = Path(model_dir)
    if (d / "model.bin").is_file():
        return "faster-whisper"
    if (d / "am" / "final.mdl").is_file() or (d / "conf" / "model.conf").is_file():
        return "vosk"
    raise SpeechModelError(f"{model_dir}: bukan folder model faster-whisper (model.bin) maupun vosk (am/final.mdl)")


class SpeechBackend:
    name = "stt"
    version = "?"

    def __init__(self, model_dir: str):
        self.model_dir = str(Path(model_dir).absolute())  # not resolved: the operator's folder name is the model name
        self.model_name = Path(self.model_dir).name

    @property
    def model_sha256(self) -> str:
        return folder_sha256(self.model_dir)

    @property
    def signature(self) -> str:
        return f"{self.name}={self.version};model={self.model_name};sha256={self.model_sha256}"

    def describe(self) -> str:
        return f"model {self.model_name} (sha256 {self.model_sha256})"

    def transcribe(self, samples: np.ndarray, deadline: float) -> tuple[list[Line], bool]:
        """Segments with time codes, and whether the whole audio was transcribed before the deadline."""
        raise NotImplementedError


class FasterWhisperBackend(SpeechBackend):
    name = "stt.faster-whisper"

    def __init__(self, model_dir: str, language: str = "id", threads: int = 0):
        super().__init__(model_dir)
        missing = [f for f in ("model.bin", "config.json", "tokenizer.json") if not (Path(model_dir) / f).is_file()]
        if missing:  # without tokenizer.json faster-whisper would fetch one from the hub
            raise SpeechModelError(f"{model_dir}: berkas model faster-whisper tidak lengkap: {', '.join(missing)}")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import faster_whisper
        self.version = faster_whisper.__version__
        self.model = faster_whisper.WhisperModel(self.model_dir, device="cpu", compute_type="int8",
                                                 cpu_threads=threads, local_files_only=True)
        self.language = language if self.model.model.is_multilingual else "en"

    def describe(self) -> str:
        forced = f"bahasa {self.language}" + ("" if self.model.model.is_multilingual else " (model hanya bahasa Inggris)")
        return f"{super().describe()}, {forced}, penyaring aktivitas suara"

    def transcribe(self, samples: np.ndarray, deadline: float) -> tuple[list[Line], bool]:
        segments, _ = self.model.transcribe(samples, language=self.language, vad_filter=True,
                                            condition_on_previous_text=False)
        out = []
        for s in segments:
            text = " ".join(s.text.split())
            if text:
                out.append(Line(text, start=round(s.start, 2), end=round(s.end, 2),
                                score=round(float(np.exp(s.avg_logprob)), 3)))
            if time.monotonic() > deadline:
                return out, False
        return out, True


class VoskBackend(SpeechBackend):
    name = "stt.vosk"

    def __init__(self, model_dir: str):
        super().__init__(model_dir)
        import vosk
        vosk.SetLogLevel(-1)
        self.version = getattr(vosk, "__version__", "0.3")
        self.model = vosk.Model(self.model_dir)

    def transcribe(self, samples: np.ndarray, deadline: float) -> tuple[list[Line], bool]:
        import vosk
        rec = vosk.KaldiRecognizer(self.model, RATE)
        rec.SetWords(True)
        pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
        out: list[Line] = []
        step = RATE  # bytes: half a second of 16-bit samples
        for i in range(0, len(pcm), step):
            if rec.AcceptWaveform(pcm[i:i + step]):
                out += _vosk_lines(rec.Result())
            if time.monotonic() > deadline:
                return out, False
        return out + _vosk_lines(rec.FinalResult()), True


def _vosk_lines(result: str) -> list[Line]:
    r = json.loads(result)
    words = r.get("result") or []
    text = " ".join(r.get("text", "").split())
    if not text or not words:
        return []
    conf = sum(w.get("conf", 0) for w in words) / len(words)
    return [Line(text, start=round(words[0]["start"], 2), end=round(words[-1]["end"], 2), score=round(conf, 3))]


def load_backend(backend: str, model_dir: str, language: str = "id", threads: int = 0) -> SpeechBackend:
    """The backend for the operator's model folder; SpeechModelError names what is wrong."""
    if not model_dir:
        raise SpeechModelError("tidak ada folder model pengenal suara (media.stt_model_dir / RAMBU_STT_MODEL_DIR)")
    if not Path(model_dir).is_dir():
        raise SpeechModelError(f"{model_dir}: folder model pengenal suara tidak ditemukan")
    kind = detect_backend(model_dir) if backend == "auto" else backend
    if kind not in BACKENDS:
        raise SpeechModelError(f"media.stt_backend: {backend!r} tidak dikenal; yang ada: auto, {', '.join(BACKENDS)}")
    try:
        if kind == "faster-whisper":
            return FasterWhisperBackend(model_dir, language, threads)
        return VoskBackend(model_dir)
    except ImportError as e:
        raise SpeechModelError(f"paket Python untuk {kind} tidak terpasang ({e})") from None
    except SpeechModelError:
        raise
    except Exception as e:  # noqa: BLE001 - a broken model folder must be named, not crash the batch
        raise SpeechModelError(f"{model_dir}: model {kind} tidak dapat dimuat ({type(e).__name__}: {e})") from None


def audio_samples(path: str, max_seconds: float, timeout: float) -> np.ndarray:
    """The audio track as 16 kHz mono float32, at most `max_seconds` long (ffmpeg)."""
    cmd = ["ffmpeg", "-v", "error", "-nostdin", "-t", f"{max_seconds:g}", "-i", path, "-vn", "-sn", "-dn",
           "-ac", "1", "-ar", str(RATE), "-f", "f32le", "pipe:1"]
    try:
        run = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise MediaError(f"{path}: mengurai audio melewati batas waktu {timeout:g} detik") from None
    if run.returncode != 0:
        raise MediaError(f"{path}: audio tidak dapat diurai ({run.stderr.decode('utf-8', 'replace').strip()[:160]})")
    return np.frombuffer(run.stdout, np.float32)
