"""Rule 8: the sanction route a finding supports under the Pemasyarakatan code of ethics.

The ethics code always yields a sanksi moral (a closed or an open statement);
a hearing (Majelis Kode Etik) may add a disciplinary penalty under PP 94/2021
Art. 8, whose level follows the impact of the breach. rambu only recommends,
and proportionately: a first finding of ordinary reach gets the sanksi moral
in a closed statement and at most the light level; every higher level needs
stated aggravating facts, each of which raises the level by one and is named
in the reasons:

- a repeat offence (the employee's confirmed findings before this one);
- wide reach (many followers or views, a broadcast to many);
- a call to violence (rules 1-3: kill, burn, expel ... a group);
- a leak that endangers people (rule 6: identity numbers, classified letters,
  guard, escort, raid and layout details).

Reactions (like, love) and live streams without aggravating facts carry the
sanksi moral only.
"""
from __future__ import annotations

from dataclasses import replace

from .analysis import Analysis
from .results import Finding, Sanction

BASIS = ("Permenkumham M.HH-16.KP.05.02 Tahun 2011 tentang Kode Etik Pegawai Pemasyarakatan",
         "PP 42/2004 tentang Pembinaan Jiwa Korps dan Kode Etik PNS")
DISCIPLINE_BASIS = "PP 94/2021 tentang Disiplin PNS Pasal 8 (jenis hukuman disiplin)"

# Gravity of the rule's subject (for the reader; it does not raise the level by itself).
RULE_SEVERITY = {1: 2, 2: 2, 3: 1, 4: 1, 5: 2, 6: 2, 7: 0}
SEVERITY_NAMES = ("rendah", "sedang", "tinggi")
LEVELS = (None, "ringan", "sedang", "berat")
# Rule-6 leaks that put people or the facility in danger.
ENDANGERING_KINDS = frozenset({"nik", "classified", "identity", "guard", "transfer", "raid", "layout", "keys",
                               "cctv", "risk_list", "radio", "disturbance_plan"})
REACTIONS = ("like", "love", "dislike")


def _base_level(f: Finding, doc: Analysis) -> tuple[int, str]:
    """The level without aggravating facts: light, or none for a reaction or a live stream."""
    if f.rule == 3 and doc.activity.type in REACTIONS:
        return 0, f"berupa reaksi '{doc.activity.type}', bukan penyebaran"
    if f.rule == 7:
        return 0, "siaran langsung tanpa unsur lain"
    return 1, "tanpa faktor pemberat, paling tinggi hukuman disiplin ringan"


def _reach(doc: Analysis) -> str | None:
    """Wide reach as a stated fact, or None (ordinary reach)."""
    act = doc.activity
    cfg = doc.config
    raw = act.raw if isinstance(act.raw, dict) else {}
    author = raw.get("author") if isinstance(raw.get("author"), dict) else {}
    followers = author.get("followers")
    if isinstance(followers, int) and not isinstance(followers, bool) and \
            followers >= int(cfg.get("sanction.wide_reach_followers", 10_000)):
        return f"jangkauan luas ({followers:,} pengikut)".replace(",", ".")
    views = raw.get("views")
    if isinstance(views, int) and not isinstance(views, bool) and views >= int(cfg.get("sanction.wide_reach_views", 10_000)):
        return f"jangkauan luas (dilihat {views:,} kali)".replace(",", ".")
    wide_types = {t.strip() for t in str(cfg.get("sanction.wide_reach_types", "")).split(",") if t.strip()}
    if act.type in wide_types:
        return f"jangkauan luas ({act.type}{' di ' + act.platform if act.platform else ''})"
    return None


def aggravating(f: Finding, doc: Analysis, prior_offences: int = 0) -> list[str]:
    """The stated facts that make this finding graver than an ordinary first one."""
    facts = []
    if prior_offences:
        facts.append(f"pengulangan ({prior_offences} pelanggaran terkonfirmasi sebelumnya)")
    reach = _reach(doc)
    if reach:
        facts.append(reach)
    extra = dict(f.extra)
    if extra.get("violence"):
        facts.append("berisi ajakan kekerasan terhadap kelompok atau negara")
    if f.rule == 6 and extra.get("kind") in ENDANGERING_KINDS:
        facts.append("kebocoran yang membahayakan keselamatan orang atau keamanan unit")
    return facts


def recommend(f: Finding, doc: Analysis, prior_offences: int = 0) -> Sanction:
    base, base_why = _base_level(f, doc)
    facts = aggravating(f, doc, prior_offences)
    score = min(base + len(facts), 3)
    sev = RULE_SEVERITY.get(f.rule, 1)
    why = [f"larangan {f.rule} (bobot pokok {SEVERITY_NAMES[sev]})", base_why]
    if facts:
        why.append("faktor pemberat: " + "; ".join(facts))
    else:
        why.append("pelanggaran pertama dengan jangkauan biasa (menurut data yang tersedia)")
    if f.needs_review:
        why.append("rekomendasi berlaku bila temuan dikonfirmasi pemeriksa")
    level = LEVELS[score]
    statement = "pernyataan secara terbuka" if score >= 2 else "pernyataan secara tertutup"
    return Sanction(
        ethics="sanksi moral", statement=statement, discipline_level=level,
        reason="; ".join(why), severity=SEVERITY_NAMES[sev],
        basis=BASIS + ((DISCIPLINE_BASIS,) if level else ()))


def attach(findings: list[Finding], doc: Analysis, prior_offences: int = 0) -> tuple[Finding, ...]:
    return tuple(replace(f, sanction=recommend(f, doc, prior_offences)) for f in findings)
