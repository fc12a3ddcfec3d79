"""A small demo dataset for `rambu serve --demo`: regions, units, users of each role, staff, screened
batches with findings, and two cases (one decided with its documents, one overdue). Idempotent."""
from __future__ import annotations

import json
import logging
import secrets
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import auth, batches, cases, config, findings, orgs
from .access import SYSTEM, Actor
from .models import Case, CaseStep, Finding, User, utcnow

log = logging.getLogger("rambu.web")

REGIONS = [("JATENG", "Kanwil Ditjenpas Jawa Tengah"), ("KALTIM", "Kanwil Ditjenpas Kalimantan Timur")]
UNITS = [("LPSMG", "Lapas Kelas IIA Semarang", "JATENG", "Asia/Jakarta", "Semarang",
          "Jl. Dr. Cipto No. 62, Semarang, Jawa Tengah"),
         ("RTKDS", "Rutan Kelas IIB Kudus", "JATENG", "Asia/Jakarta", "Kudus", "Jl. Sunan Kudus No. 2, Kudus"),
         ("RTBPP", "Rutan Kelas IIA Balikpapan", "KALTIM", "Asia/Makassar", "Balikpapan",
          "Jl. Jenderal Sudirman No. 10, Balikpapan, Kalimantan Timur")]
STAFF = [
    {"nip": "198901142012121003", "name": "Rizky Pratama", "unit": "Lapas Kelas IIA Semarang",
     "position": "Staf Kegiatan Kerja", "timezone": "Asia/Jakarta", "schedule": "office"},
    {"nip": "199001012015031002", "name": "Budi Santoso", "unit": "Lapas Kelas IIA Semarang",
     "position": "Anggota Regu Pengamanan", "timezone": "Asia/Jakarta", "schedule": "shift",
     "shifts": [["2025-03-12T07:00:00+07:00", "2025-03-12T13:00:00+07:00"],
                ["2025-03-13T18:00:00+07:00", "2025-03-14T07:00:00+07:00"]]},
    {"nip": "199205052016022001", "name": "Siti Rahmawati", "unit": "Rutan Kelas IIB Kudus",
     "position": "Staf Pelayanan Tahanan", "timezone": "Asia/Jakarta", "schedule": "office"},
    {"nip": "199304022018011001", "name": "Nur Aisyah", "unit": "Rutan Kelas IIA Balikpapan",
     "position": "Anggota Regu Pengamanan", "timezone": "Asia/Makassar", "schedule": "shift",
     "shifts": [["2025-03-12T07:00:00+08:00", "2025-03-12T13:00:00+08:00"],
                ["2025-03-13T18:00:00+08:00", "2025-03-14T07:00:00+08:00"]]},
    {"nip": "198707072010011004", "name": "Andi Wijaya", "unit": "Rutan Kelas IIA Balikpapan",
     "position": "Kepala Subseksi Pelayanan", "timezone": "Asia/Makassar", "schedule": "office"},
]
FACTCHECKS = (
    "id,claim,verdict,source,published\n"
    "FK-0001,\"Pesan berantai: pendaftaran bantuan tunai untuk semua pemegang kartu keluarga dibuka lewat tautan pendek\","
    "hoaks,https://turnbackhoax.id/,2025-01-08\n"
    "FK-0002,\"Seluruh lapas di Indonesia akan menghapus layanan kunjungan keluarga mulai bulan depan\","
    "hoaks,https://cekfakta.com/,2025-02-02\n"
    "FK-0003,\"Narapidana yang memenuhi syarat menerima remisi umum pada 17 Agustus\",benar,https://www.ditjenpas.go.id/,2024-08-17\n"
)
RIZKY, BUDI, SITI, NUR, ANDI = (m["nip"] for m in STAFF)
BATCH_SEMARANG = [
    {"id": "smg-1", "platform": "facebook", "type": "post", "author": {"nip": RIZKY},
     "created_at": "2025-03-11T20:15:00+07:00",
     "text": "Alhamdulillah, pembinaan kemandirian warga binaan hari ini: pelatihan las dan menjahit."},
    {"id": "smg-2", "platform": "x", "type": "post", "author": {"nip": RIZKY}, "created_at": "2025-03-11T21:00:00+07:00",
     "text": "Dasar suku pendatang itu memang biang kerok, usir saja mereka semua dari kampung kita!"},
    {"id": "smg-3", "platform": "whatsapp", "type": "broadcast", "author": {"nip": BUDI},
     "created_at": "2025-03-12T19:30:00+07:00",
     "text": "Jadwal jaga malam ini: pos atas 3 kosong jam 02.00-03.00, CCTV blok C sedang rusak, tolong jangan disebar."},
    {"id": "smg-4", "platform": "facebook", "type": "share", "author": {"nip": BUDI},
     "created_at": "2025-03-13T06:30:00+07:00", "text": "Info penting!",
     "target": {"text": "Seluruh lapas di Indonesia akan menghapus layanan kunjungan keluarga mulai bulan depan, sebarkan!"}},
    {"id": "smg-5", "platform": "tiktok", "type": "live", "author": {"nip": BUDI},
     "created_at": "2025-03-12T09:00:00+07:00", "text": "Live santai sambil ngopi",
     "live": {"started_at": "2025-03-12T09:00:00+07:00", "ended_at": "2025-03-12T09:40:00+07:00", "uniform": True}},
    {"id": "smg-6", "platform": "instagram", "type": "post", "author": {"nip": SITI},
     "created_at": "2025-03-14T10:00:00+07:00",
     "text": "Pemerintah ini thogut, Pancasila tidak ada gunanya, ganti saja dengan sistem khilafah!"},
    {"id": "smg-7", "platform": "instagram", "type": "post", "author": {"nip": SITI},
     "created_at": "2025-03-15T10:00:00+07:00", "text": "Kebijakan remisi perlu dievaluasi agar lebih transparan dan adil."},
    {"id": "smg-8", "type": "post", "created_at": "kemarin sore", "text": "baris rusak: tanggal tidak sah"},
]
BATCH_BALIKPAPAN = [
    {"id": "bpp-1", "platform": "tiktok", "type": "live", "author": {"nip": NUR},
     "created_at": "2025-03-12T10:00:00+08:00", "text": "Live sore santai",
     "live": {"started_at": "2025-03-12T10:00:00+08:00", "ended_at": "2025-03-12T10:35:00+08:00", "uniform": True}},
    {"id": "bpp-2", "platform": "facebook", "type": "post", "author": {"nip": ANDI},
     "created_at": "2025-03-17T15:00:00+08:00",
     "text": "Bendera merah putih ini cuma kain lap, pantasnya buat ngepel lantai."},
    {"id": "bpp-3", "platform": "facebook", "type": "post", "author": {"nip": ANDI},
     "created_at": "2025-03-18T08:00:00+08:00", "text": "Selamat pagi, semangat melayani masyarakat."},
    {"id": "bpp-4", "platform": "x", "type": "like", "author": {"nip": NUR}, "created_at": "2025-03-19T21:00:00+08:00",
     "target": {"text": "Dasar kafir semua, bakar saja tempat ibadah mereka!"}},
]


def _jsonl(items: list[dict]) -> bytes:
    return "\n".join(json.dumps(a, ensure_ascii=False) for a in items).encode("utf-8") + b"\n"


def load_demo(s: Session, screener_factory=None) -> str | None:
    """Load the demo data; returns the admin password (None when the demo was already loaded)."""
    if s.scalar(select(User.id).where(User.username == "admin")):
        return None
    config.seed_holidays(s)
    password = secrets.token_urlsafe(12)
    regions = {code: orgs.save_region(s, SYSTEM, code, name) for code, name in REGIONS}
    units = {code: orgs.save_unit(s, SYSTEM, code, name, regions[rc].id, tz, None, city, address)
             for code, name, rc, tz, city, address in UNITS}
    users = {}
    for username, full, role, scope, region, unit, nip in (
            ("admin", "Administrator", "admin", "national", None, None, None),
            ("kepatuhan", "Dewi Lestari (Kepatuhan Internal Pusat)", "kepatuhan", "national", None, None, None),
            ("kepatuhan.jateng", "Hendra Gunawan (Kepatuhan Kanwil Jateng)", "kepatuhan", "regional", "JATENG", None, None),
            ("humas.semarang", "Rina Marlina (Humas Lapas Semarang)", "humas", "unit", None, "LPSMG", None),
            ("humas.balikpapan", "Yusuf Hamzah (Humas Rutan Balikpapan)", "humas", "unit", None, "RTBPP", None),
            ("pimpinan", "Pimpinan Ditjenpas", "leader", "national", None, None, None),
            ("pegawai.rizky", "Rizky Pratama", "employee", "unit", None, "LPSMG", RIZKY)):
        u, _ = auth.create_user(s, SYSTEM, username, full, role, scope, regions[region].id if region else None,
                                units[unit].id if unit else None, nip, password)
        users[username] = u
    orgs.import_staff(s, SYSTEM, json.dumps(STAFF, ensure_ascii=False), "demo-staff.json")
    orgs.import_factchecks(s, SYSTEM, FACTCHECKS, "demo-register.csv")
    hs = Actor.of(users["humas.semarang"])
    hb = Actor.of(users["humas.balikpapan"])
    b1 = batches.upload(s, hs, "contoh-semarang.jsonl", _jsonl(BATCH_SEMARANG))
    b2 = batches.upload(s, hb, "contoh-balikpapan.jsonl", _jsonl(BATCH_BALIKPAPAN))
    s.commit()
    _screen_and_open_cases(s, [b1.id, b2.id], users, screener_factory)
    return password


def _screen_and_open_cases(s: Session, batch_ids: list[int], users: dict, screener_factory) -> None:
    from .db import session_factory
    from .screening import ScreenerProvider
    factory = session_factory(s.get_bind())
    provider = ScreenerProvider(screener_factory)
    try:
        for bid in batch_ids:
            batches.screen_batch(factory, provider, bid)
    except Exception as e:  # noqa: BLE001 - engine unavailable: the server's worker screens them later
        log.warning("data contoh belum disaring (%s); pekerja latar akan menyaringnya", e)
        print(f"Peringatan: batch contoh belum dapat disaring ({type(e).__name__}: {e}).")
        return
    s.expire_all()
    kep = Actor.of(users["kepatuhan"])
    fs = list(s.scalars(select(Finding).where(Finding.staff_id.is_not(None)).order_by(Finding.id)))
    by_staff: dict[int, list[Finding]] = {}
    for f in fs:
        by_staff.setdefault(f.staff_id, []).append(f)
    staff_ids = list(by_staff)
    if not staff_ids:
        return
    # case 1: confirmed and taken to a decision (proven), with its documents
    first = by_staff[staff_ids[0]][0]
    r = findings.review(s, kep, first.id, "confirm", "Bukti jelas; unggahan publik pegawai sendiri.")
    case_id = r["case_id"]
    # the decided case ran over the last six weeks: opened then, each step dated the day it was done
    c = s.get(Case, case_id)
    today = utcnow().astimezone(ZoneInfo(c.unit.timezone)).date()
    c.opened_at = c.steps[0].started_at = utcnow() - timedelta(days=42)
    days = [40, 37, 33, 30, 26, 22, 19, 17]
    hearing = (today - timedelta(days=19)).isoformat() + "T09:00"
    steps = [("", {}), ("Syarat formal dan materiil terpenuhi.", {"breach": "ya"}),
             ("Bukti tangkapan layar dan data aktivitas diperiksa.", {}),
             ("Direkomendasikan sidang kode etik.", {}),
             ("", {"hearing_at": hearing, "place": "Aula Lapas Kelas IIA Semarang",
                   "chair": "Drs. Bambang Suryadi", "members": ["Sri Wahyuni, S.H.", "Agus Salim, S.Sos."],
                   "secretary": "Maya Sari, A.Md."}),
             ("", {"statement": "Pegawai mengakui unggahan, menyatakan khilaf, dan telah menghapusnya."}),
             ("", {"summary": "Majelis memeriksa bukti dan mendengar keterangan pegawai; pegawai didampingi atasan langsung."}),
             ("", {"outcome": "proven", "statement": "tertutup", "discipline_level": "ringan",
                   "reasons": "Unggahan terbukti berisi ujaran kebencian; pegawai kooperatif dan baru pertama kali."})]
    for (notes, data), ago in zip(steps, days):
        cases.advance(s, kep, case_id, notes, data, done_on=(today - timedelta(days=ago)).isoformat())
    # case 2: confirmed, at the evidence examination, overdue
    if len(staff_ids) > 1:
        second = by_staff[staff_ids[1]][0]
        r2 = findings.review(s, kep, second.id, "confirm", "Informasi keamanan tersebar di grup.")
        cases.advance(s, kep, r2["case_id"], "Laporan lengkap.", {})
        cases.advance(s, kep, r2["case_id"], "Ada dugaan pelanggaran.", {"breach": "ya"})
        c = s.get(Case, r2["case_id"])
        cur = [st for st in c.steps if st.completed_at is None][-1]
        cur.due_at = utcnow() - timedelta(days=2)
    # one dismissed finding (feedback for retraining)
    rest = [f for f in fs if f.status == "open"]
    if rest:
        findings.review(s, kep, rest[-1].id, "dismiss", "Konteks bercanda antarteman; bukan pelanggaran.")
    s.commit()
