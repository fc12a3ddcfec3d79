"""The one table of settings: name, default, help. Operators override in a TOML file.

A settings file looks like::

    [settings]
    "rule1.threshold" = 0.45
    "office_hours.friday" = "07:30-11:45,13:15-16:30"   # duty hours without the unit's Friday break

    [lists.rule2]            # extend a detector's word lists without touching code
    hostile = ["kata makian baru"]

    [lists.rule6]
    sensitive_places = ["Blok Mawar", "Pos Atas 3"]

`rambu rules` prints the table with the values in force.
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("report_threshold", 0.35, "Keyakinan minimum agar temuan dilaporkan (di bawahnya diabaikan)."),
    Setting("violation_threshold", 0.6, "Keyakinan minimum agar temuan dianggap pelanggaran; di bawahnya: perlu tinjauan."),
    *(s for r in range(1, 8) for s in (
        Setting(f"rule{r}.enabled", True, f"Aktifkan pemeriksaan larangan {r}."),
        Setting(f"rule{r}.threshold", None, f"Ambang pelaporan khusus larangan {r} (kosong = report_threshold)."
                if r > 2 else f"Ambang tinjauan larangan {r}: peluang akhir minimum agar temuan diajukan untuk "
                f"ditinjau (kosong = titik operasi model yang dipilih dengan validasi silang, lihat kartu model)."),
        Setting(f"rule{r}.violation_threshold", None, f"Ambang pelanggaran khusus larangan {r} (kosong = violation_threshold)."
                if r > 2 else f"Ambang pelanggaran larangan {r}: peluang akhir minimum agar temuan menjadi "
                f"pelanggaran tanpa tinjauan (kosong = titik operasi model; lihat juga rambu evaluate --feedback)."),
    )),
    Setting("rule1.model_agreement", 0.5, "Peluang minimum dari model klasifikasi sendiri agar temuan larangan 1 "
            "boleh menjadi pelanggaran (kata saja tidak pernah cukup)."),
    Setting("rule2.model_agreement", 0.5, "Peluang minimum dari model klasifikasi sendiri agar temuan larangan 2 "
            "boleh menjadi pelanggaran (kata saja tidak pernah cukup)."),
    Setting("rule3.dislike_is_agreement", False, "Dislike pada konten kebencian dianggap persetujuan (true) atau perlu tinjauan (false)."),
    Setting("rule4.match_threshold", 0.5, "Kemiripan minimum antara teks dan klaim register cek fakta."),
    Setting("rule4.review_match_threshold", 0.38, "Kemiripan minimum untuk kecocokan yang perlu tinjauan."),
    Setting("rule7.default_live_minutes", 0, "Lama siaran (menit) yang diasumsikan bila live.ended_at kosong; 0 = satu titik waktu."),
    # Perpres 21/2023: 37,5 working hours a week *excluding* breaks (60 minutes Monday-Thursday, 90 on Friday);
    # a live stream in the lunch break is not in duty hours. Units with other break times set their own.
    Setting("office_hours.monday", "07:30-12:00,13:00-16:00",
            "Jam kantor hari Senin (waktu setempat, tanpa jam istirahat; beberapa rentang dipisah koma), kosong = libur."),
    Setting("office_hours.tuesday", "07:30-12:00,13:00-16:00", "Jam kantor hari Selasa."),
    Setting("office_hours.wednesday", "07:30-12:00,13:00-16:00", "Jam kantor hari Rabu."),
    Setting("office_hours.thursday", "07:30-12:00,13:00-16:00", "Jam kantor hari Kamis."),
    Setting("office_hours.friday", "07:30-11:30,13:00-16:30", "Jam kantor hari Jumat (istirahat termasuk salat Jumat)."),
    Setting("office_hours.saturday", "", "Jam kantor hari Sabtu (kosong = libur)."),
    Setting("office_hours.sunday", "", "Jam kantor hari Minggu (kosong = libur)."),
    Setting("office_hours.default_timezone", "Asia/Jakarta", "Zona waktu bila direktori pegawai tidak menyebutkannya."),
    Setting("office_hours.by_zone", "",
            "Jam kantor khusus per zona waktu, JSON {zona: {hari: jam}}, mis. "
            '{"Asia/Jayapura": {"friday": "07:30-16:00", "saturday": ""}} ("" = libur); '
            "hari yang tidak disebut memakai office_hours.<hari>. Kosong = tidak ada."),
    Setting("holidays_file", "", "Berkas JSON/CSV hari libur nasional dan cuti bersama (kosong = data bawaan)."),
    # Perpres 21/2023: 32,5 hours a week in Ramadan, from 08:00. The month's dates follow the government's
    # decision each year (sidang isbat): the bundled ones (1447 and 1448 H, written without internet access)
    # are for an operator to check; re-screening older activities needs their years added.
    Setting("ramadan.dates", "2026-02-19..2026-03-20,2027-02-08..2027-03-09",
            "Rentang tanggal bulan Ramadan yang memakai jam kerja Ramadan (YYYY-MM-DD..YYYY-MM-DD, dipisah koma). "
            "Bawaan: Ramadan 1447 H dan 1448 H, PERLU DIVERIFIKASI dengan keputusan pemerintah (sidang isbat); "
            "tambahkan tahun sebelumnya bila menyaring ulang aktivitas lama (mis. 2025-03-01..2025-03-30). "
            "Kosong = tidak ada."),
    Setting("ramadan.hours", "08:00-12:00,12:30-15:00",
            "Jam kantor Senin-Kamis (dan hari kerja lain selain Jumat) selama Ramadan, tanpa jam istirahat."),
    Setting("ramadan.friday_hours", "08:00-11:30,12:30-15:30", "Jam kantor hari Jumat selama Ramadan."),
    Setting("classifier.model_dir", "", "Folder model klasifikasi teks (kosong = model bawaan paket)."),
    Setting("media.ocr", True, "Baca teks pada gambar dan bingkai video yang tidak disertai ocr_text (OCR)."),
    Setting("media.ocr_engine", "rapidocr", "Mesin OCR: rapidocr (utama, model di dalam paket) atau tesseract "
                                            "(cadangan; paket Debian tesseract-ocr dan tesseract-ocr-ind)."),
    Setting("media.ocr_preprocess", "", "Praolah gambar sebelum OCR: none, meme (teks putih bergaris tepi hitam "
                                        "dijadikan hitam di atas putih) atau upscale; kosong = terbaik per mesin "
                                        "menurut benchmark (rapidocr: none, tesseract: meme)."),
    Setting("media.ocr_languages", "ind+eng", "Bahasa OCR tesseract."),
    Setting("media.ocr_max_side", 960, "Sisi terpanjang gambar (piksel) untuk pendeteksi teks RapidOCR; "
                                       "lebih kecil = lebih cepat, teks kecil bisa terlewat."),
    Setting("media.video_ocr_max_side", 640, "Seperti media.ocr_max_side, untuk bingkai video (teks video besar; "
                                             "lebih kecil = video lebih cepat dibaca)."),
    Setting("media.image_checks", True, "Periksa gambar dan bingkai video: bendera merah putih, lambang Garuda, wajah."),
    Setting("media.flag_min_score", 0.55, "Skor minimum (0-1) agar bentuk merah-putih dianggap bendera; "
                                          "di bawah media.flag_sure_score hanya untuk tinjauan."),
    Setting("media.flag_sure_score", 0.8, "Skor bendera (0-1) yang dianggap pasti."),
    Setting("media.emblem_min_inliers", 12, "Jumlah titik kunci cocok minimum agar gambar dianggap memuat lambang Garuda."),
    Setting("media.face_min_pixels", 36, "Ukuran wajah minimum (piksel, sisi kotak) yang dilaporkan."),
    Setting("media.video_sample_fps", 2.0, "Bingkai per detik yang diurai ffmpeg untuk mencari pergantian adegan "
                                           "atau teks."),
    Setting("media.video_frames_per_minute", 20, "Batas bingkai video yang dibaca (OCR dan pemeriksaan gambar) per menit."),
    Setting("media.stt_backend", "auto", "Pengenal suara: auto (menurut isi folder model), faster-whisper, atau vosk."),
    Setting("media.stt_model_dir", "", "Folder model pengenal suara milik operator (faster-whisper/CTranslate2 atau "
                                       "vosk); kosong = variabel lingkungan RAMBU_STT_MODEL_DIR. Tidak pernah diunduh."),
    Setting("media.stt_language", "id", "Bahasa ucapan yang dipaksakan pada pengenal suara (faster-whisper)."),
    Setting("media.max_file_mb", 1024, "Ukuran maksimum satu berkas media yang diperiksa (MB)."),
    Setting("media.max_pixels", 40_000_000, "Jumlah piksel maksimum satu gambar atau bingkai (melindungi dari "
                                            "bom dekompresi)."),
    Setting("media.max_duration_seconds", 900, "Durasi audio/video maksimum yang diperiksa (detik); sisanya "
                                               "tidak diperiksa dan temuan perlu tinjauan."),
    Setting("media.timeout_seconds", 300, "Batas waktu pemrosesan satu berkas media (detik)."),
    Setting("media.threads", 0, "Jumlah utas OCR paralel antar gambar/bingkai (0 = jumlah inti CPU); "
                                "setiap gambar dibaca satu utas."),
    Setting("media.cache_dir", "", "Folder tembolok hasil ekstraksi media (per SHA-256 berkas dan versi "
                                   "pengekstrak); kosong = ~/.cache/rambu/media atau RAMBU_MEDIA_CACHE; "
                                   "off = tanpa tembolok berkas."),
    Setting("batch.chunk_size", 500, "Jumlah aktivitas per potongan batch (potongan tidak berbagi keadaan)."),
    Setting("batch.workers", 0, "Jumlah proses penyaring paralel (0 = sesuai jumlah inti CPU)."),
    Setting("input.max_line_bytes", 1_000_000, "Panjang maksimum satu baris JSON Lines dalam byte."),
    Setting("sanction.wide_reach_types", "broadcast",
            "Jenis aktivitas yang dengan sendirinya berjangkauan luas (faktor pemberat sanksi), dipisah koma."),
    Setting("sanction.wide_reach_followers", 10_000,
            "Jumlah pengikut akun (author.followers) yang membuat jangkauan luas (faktor pemberat sanksi)."),
    Setting("sanction.wide_reach_views", 10_000,
            "Jumlah tayangan (views) yang membuat jangkauan luas (faktor pemberat sanksi)."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Config:
    values: Mapping[str, Any]
    lists: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    source: str | None = None

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def threshold(self, rule: int, kind: str = "threshold") -> float:
        own = self.values.get(f"rule{rule}.{kind}")
        return float(own if own is not None else self.values["report_threshold" if kind == "threshold" else "violation_threshold"])

    def extra_terms(self, detector_key: str, list_name: str) -> tuple[str, ...]:
        return self.lists.get(detector_key, {}).get(list_name, ())

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "settings": dict(self.values),
                "lists": {k: {n: list(v) for n, v in d.items()} for k, d in self.lists.items()}}


def default_config() -> Config:
    return Config(MappingProxyType({s.name: s.default for s in SETTINGS}))


def load_config(path: str | Path | None) -> Config:
    """Defaults, overridden by the TOML file at `path` (errors name the file and key)."""
    base = {s.name: s.default for s in SETTINGS}
    if path is None:
        return Config(MappingProxyType(base))
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{p}: berkas pengaturan tidak ditemukan") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise SettingsError(f"{p}: bukan TOML yang sah ({e})") from None
    for key, value in _flatten(data.get("settings", {})).items():
        if key not in _BY_NAME:
            raise SettingsError(f"{p}: [settings] {key}: pengaturan tidak dikenal")
        default = _BY_NAME[key].default
        if default is not None and not isinstance(value, type(default)) and not (
                isinstance(default, float) and isinstance(value, int)):
            raise SettingsError(f"{p}: [settings] {key}: harus {type(default).__name__}, bukan {value!r}")
        base[key] = value
    lists: dict[str, dict[str, tuple[str, ...]]] = {}
    for det, named in data.get("lists", {}).items():
        if not isinstance(named, dict):
            raise SettingsError(f"{p}: [lists.{det}] harus tabel daftar kata")
        for name, terms in named.items():
            if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
                raise SettingsError(f"{p}: [lists.{det}] {name}: harus daftar teks")
            lists.setdefault(det, {})[name] = tuple(terms)
    unknown = set(data) - {"settings", "lists"}
    if unknown:
        raise SettingsError(f"{p}: bagian tidak dikenal: {', '.join(sorted(unknown))}")
    return Config(MappingProxyType(base), MappingProxyType(lists), str(p))


def _flatten(d: dict, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        name = f"{prefix}{k}"
        if isinstance(v, dict) and name in _BY_NAME:  # a setting whose value is a table (office_hours.by_zone)
            out[name] = json.dumps(v)
        elif isinstance(v, dict):
            out.update(_flatten(v, name + "."))
        else:
            out[name] = v
    return out
