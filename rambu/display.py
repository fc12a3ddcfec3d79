"""How users read numbers and times: the decimal comma, Indonesian month names, each unit's own zone
(WIB, WITA, WIT). Pages, exports, PDFs and the detectors' explanations all format through here."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
DEFAULT_ZONE = "Asia/Jakarta"


def num(v: Any, digits: int | None = None) -> str:
    """1234.5 -> "1.234,5"; integers get the thousands dot."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return "" if v is None else str(v)
    if isinstance(v, int):
        return f"{v:,}".replace(",", ".")
    text = f"{v:,.{digits}f}" if digits is not None else f"{v:,}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def score(x: float) -> str:
    """A probability or score in an explanation: 0.8512 -> "0,85"."""
    return f"{x:.2f}".replace(".", ",")


def factor(x: float) -> str:
    """A multiplier or weight in an explanation, as short as it is exact: 0.5 -> "0,5", 1.0 -> "1"."""
    return f"{x:g}".replace(".", ",")


def pct(v: Any) -> str:
    """0.913 -> "91%" (confidence is shown and filtered in percent)."""
    return "-" if v is None else f"{round(float(v) * 100)}%"


def _zone(name: str | None):
    from .staff.dutytime import get_zone
    return get_zone(name or DEFAULT_ZONE) or get_zone(DEFAULT_ZONE)


def zone_label(name: str | None) -> str:
    from .staff.dutytime import zone_label as label
    return label(name or DEFAULT_ZONE)


def local(v: Any, zone: str | None = None) -> datetime | None:
    """An aware date-time (or ISO text) in the unit's zone; naive ones are taken as they are."""
    if not v:
        return None
    d = datetime.fromisoformat(v) if isinstance(v, str) else v
    if isinstance(d, datetime) and d.tzinfo is not None:
        return d.astimezone(_zone(zone))
    return d


def when(v: Any, zone: str | None = None, with_time: bool = True, short: bool = True) -> str:
    """ "11 Mar 2025 20.15 WIB" in the unit's zone; "-" when empty; text it cannot read is shown as is."""
    if not v:
        return "-"
    try:
        d = local(v, zone)
    except (TypeError, ValueError):
        return str(v)
    months = MONTHS_SHORT if short else MONTHS
    out = f"{d.day} {months[d.month - 1]} {d.year}"
    if with_time and isinstance(d, datetime) and not (isinstance(v, str) and len(v) <= 10):
        out += f" {d:%H.%M}"
        if d.tzinfo is not None:
            out += f" {zone_label(zone)}"
    return out


def stamp(v: Any, zone: str | None = None) -> str:
    """For exports: "2025-03-11 20:15 WIB" (sortable, with the zone)."""
    if not v:
        return ""
    d = local(v, zone)
    if isinstance(d, datetime):
        return f"{d:%Y-%m-%d %H:%M}" + (f" {zone_label(zone)}" if d.tzinfo is not None else "")
    return d.isoformat() if isinstance(d, date) else str(d)
