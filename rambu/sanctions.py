"""Rule 8: the sanction route a finding supports under the Pemasyarakatan code of ethics.

The ethics code always yields a sanksi moral (closed or open statement); a
hearing (Majelis Kode Etik) may add a disciplinary penalty under PP 94/2021
Art. 8, whose level follows the impact of the breach. rambu only recommends:
severity comes from the rule and what the evidence shows, reach from how the
content travelled. Repeat offences raise the level (the web application
passes the employee's history).
"""
from __future__ import annotations

from dataclasses import replace

from .analysis import Analysis
from .results import Finding, Sanction

BASIS = ("Permenkumham M.HH-16.KP.05.02 Tahun 2011 tentang Kode Etik Pegawai Pemasyarakatan",
         "PP 42/2004 tentang Pembinaan Jiwa Korps dan Kode Etik PNS")
DISCIPLINE_BASIS = "PP 94/2021 tentang Disiplin PNS Pasal 8 (jenis hukuman disiplin)"

# Base severity per rule: 0 = rendah, 1 = sedang, 2 = tinggi.
RULE_SEVERITY = {1: 2, 2: 2, 3: 1, 4: 1, 5: 2, 6: 2, 7: 0}
SEVERITY_NAMES = ("rendah", "sedang", "tinggi")
LEVELS = (None, "ringan", "sedang", "berat")
PUBLIC_PLATFORMS = {"instagram", "facebook", "x", "tiktok", "youtube", "threads"}


def _severity(f: Finding, doc: Analysis) -> tuple[int, list[str]]:
    sev = RULE_SEVERITY.get(f.rule, 1)
    why = [f"larangan {f.rule} (keparahan dasar {SEVERITY_NAMES[sev]})"]
    t = doc.activity.type
    if f.rule == 3 and t in ("like", "love", "dislike"):
        sev = 0
        why.append(f"berupa reaksi '{t}', bukan penyebaran")
    if f.rule == 7 and doc.activity.live and doc.activity.live.uniform:
        sev = 1
        why.append("berseragam dinas")
    if f.rule == 6 and any(k == "kind" and v in ("nik", "classified") for k, v in f.extra):
        sev = 2
    if f.confidence >= 0.9 and sev < 2 and f.rule != 7:
        sev += 1
        why.append("bukti sangat kuat")
    return sev, why


def _reach(doc: Analysis) -> tuple[int, str]:
    act = doc.activity
    wide_types = {t.strip() for t in str(doc.config.get("sanction.wide_reach_types", "")).split(",")}
    followers = (act.raw or {}).get("author", {}).get("followers") if isinstance(act.raw, dict) else None
    if isinstance(followers, int) and followers >= 10_000:
        return 2, f"jangkauan luas ({followers} pengikut)"
    if act.type in wide_types:
        return 1, f"jangkauan luas ({act.type}{' di ' + act.platform if act.platform else ''})"
    if act.platform in PUBLIC_PLATFORMS and act.type in ("post", "story", "comment", "reply"):
        return 1, f"jangkauan publik (unggahan di {act.platform})"
    return 0, "jangkauan terbatas"


def recommend(f: Finding, doc: Analysis, prior_offences: int = 0) -> Sanction:
    sev, why = _severity(f, doc)
    reach, reach_why = _reach(doc)
    why.append(reach_why)
    score = sev + (1 if reach >= 1 else 0) + (1 if reach >= 2 else 0)
    if prior_offences:
        score += 1
        why.append(f"pengulangan ({prior_offences} pelanggaran sebelumnya)")
    else:
        why.append("pelanggaran pertama (menurut data yang tersedia)")
    level = LEVELS[min(score, 3)]
    statement = "pernyataan secara terbuka" if score >= 3 else "pernyataan secara tertutup"
    if f.needs_review:
        why.append("rekomendasi berlaku bila temuan dikonfirmasi pemeriksa")
    return Sanction(
        ethics="sanksi moral", statement=statement, discipline_level=level,
        reason="; ".join(why), severity=SEVERITY_NAMES[sev],
        basis=BASIS + ((DISCIPLINE_BASIS,) if level else ()))


def attach(findings: list[Finding], doc: Analysis, prior_offences: int = 0) -> tuple[Finding, ...]:
    return tuple(replace(f, sanction=recommend(f, doc, prior_offences)) for f in findings)
