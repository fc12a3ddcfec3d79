"""Image signals turned into candidates for rule 5 (flag, emblem) and rule 6 (faces in a prison context).

The extractors (`rambu.media`) report what a picture or video frame shows;
seeing the flag or a face is never a finding by itself. A candidate needs a
cue: words of an act against the symbol in the post or on the picture,
writing on the flag, the flag upside down, a face pasted on the emblem, faces
in a post about a prison. What the picture cannot settle goes to review.
Evidence of a signal cites the picture (``media[i].image``) with its box and,
for video, the time.
"""
from __future__ import annotations

from typing import Iterable, Mapping

from .. import display
from ..analysis import Analysis, SeenRegion, TextField
from ..contract.activity import SPREADING
from ..results import Evidence
from .base import Candidate, Detector

_KIND_TEXT = {"flag": "bendera merah putih", "flag_inverted": "bendera merah putih terbalik (putih di atas)",
              "emblem": "lambang Garuda Pancasila", "face": "wajah"}


def region_evidence(s: SeenRegion) -> Evidence:
    r = s.region
    what = _KIND_TEXT.get(r.kind, r.kind)
    when = "" if r.time is None else f" pada detik {display.num(r.time, 1)}"
    return Evidence(f"{s.media}.image", 0, 0, f"[gambar: {what}{when}]", r.box, s.size,
                    None if r.time is None else (r.time, r.time))


def _visible(doc: Analysis) -> list[SeenRegion]:
    spreading = doc.activity.type in SPREADING
    return [s for s in doc.regions if s.role == "own" or (s.role == "target" and spreading)]


def _fields_of(doc: Analysis, s: SeenRegion) -> list[TextField]:
    """The author's words and the text of the same medium (caption, OCR, transcript)."""
    return [f for f in doc.fields if f.role == "own" or f.path.startswith(s.media + ".")]


def _inside(box, region) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return region[0] <= cx <= region[2] and region[1] <= cy <= region[3]


def _written_on(doc: Analysis, s: SeenRegion) -> list[Evidence]:
    """OCR lines of the same picture (and frame) whose centre lies on the region."""
    out = []
    for f in doc.fields:
        if f.path != f"{s.media}.ocr_text":
            continue
        for w in f.where:
            same_frame = s.region.time is None or (w.time and w.time[0] <= s.region.time <= w.time[1])
            if w.box and same_frame and _inside(w.box, s.region.box):
                text = f.doc.original[w.start:w.end]
                out.append(Evidence(f.path, w.start, w.end, text, w.box, w.size, w.time))
    return out


def symbol_candidates(det: Detector, doc: Analysis, acts: Mapping[str, tuple[float, frozenset, str]],
                      info: Mapping[str, tuple]) -> Iterable[Candidate]:
    """Rule 5 from pictures: `acts` and `info` are the rule's own act lists and symbol descriptions."""
    sure = float(doc.config.get("media.flag_sure_score", 0.8))
    regions = _visible(doc)
    for s in regions:
        kind = "flag" if s.region.kind.startswith("flag") else s.region.kind
        if kind not in ("flag", "emblem"):
            continue
        name, article, _ = info[kind]
        seen = f"{_KIND_TEXT[s.region.kind]} terdeteksi pada gambar (skor {display.score(s.region.score)}: {s.region.detail})"
        ev = region_evidence(s)
        written = _written_on(doc, s)
        festive = any(det.terms[n].find(f.doc) for n in ("ceremony", "respect") for f in _fields_of(doc, s))
        best: tuple[float, Candidate] | None = None
        for f in _fields_of(doc, s):
            for act, (base, symbols, desc) in acts.items():
                if kind not in symbols or act not in det.terms:
                    continue
                for m in det.terms[act].find(f.doc):
                    quote = det.evidence(f, m.first, m.last)
                    on_it = any(e.field == quote.field and e.start <= quote.start and quote.end <= e.end
                                for e in written)
                    factor = (1.0 if on_it else 0.85) * (0.6 if festive else 1.0)
                    conf = base * s.region.score * factor
                    review = festive or not (on_it and s.region.score >= sure)
                    detail = (seen, f"kata tindakan '{quote.quote}' ({desc}): dasar {display.score(base)}",
                              ("tertulis pada simbol itu sendiri: x1" if on_it else
                               "simbol hanya tampak pada gambar, tidak disebut dalam teks: x0,85")
                              + (", konteks upacara/hormat: x0,6" if festive else "") + f" -> {display.score(conf)}")
                    link = ("Kaitan kata dengan gambar perlu dipastikan pemeriksa" if review else
                            "Kata itu tertulis di atas simbol tersebut")
                    cand = Candidate(conf, (ev, quote),
                                     f"Gambar memuat {name} disertai kata \"{quote.quote}\" yang berarti {desc}. "
                                     f"{link}{'; dasar: ' + article if article else ''}.",
                                     detail, review, (("symbol_kind", kind), ("source", "image")))
                    if best is None or conf > best[0]:
                        best = (conf, cand)
        if best is not None:
            yield best[1]
            continue
        if kind == "flag" and written and not festive:
            conf = 0.45 * s.region.score
            yield Candidate(conf, (ev, *written[:3]),
                            f"Ada tulisan di atas {name} pada gambar (\"{written[0].quote}\"); UU 24/2009 Pasal 24 "
                            f"melarang menulisi bendera. Pastikan apakah itu bendera yang ditulisi atau desain "
                            f"ucapan; dasar: {article}.",
                            (seen, f"tulisan di dalam kotak bendera: 0,45 x skor bendera -> {display.score(conf)}"),
                            True, (("symbol_kind", kind), ("source", "image")))
        elif s.region.kind == "flag_inverted" and s.region.score >= sure and not festive:
            yield Candidate(0.4, (ev,), f"{name} tampak terpasang terbalik (putih di atas) pada gambar; bisa juga "
                                        "bendera negara lain atau desain merah-putih, perlu dipastikan pemeriksa.",
                            (seen, "bendera terbalik tanpa kata tindakan: 0,40"), True,
                            (("symbol_kind", kind), ("source", "image")))
        elif kind == "emblem":
            pasted = [f for f in regions if f.region.kind == "face" and f.media == s.media
                      and f.region.time == s.region.time and _inside(f.region.box, s.region.box)]
            if pasted:
                yield Candidate(0.5, (ev, region_evidence(pasted[0])),
                                f"Wajah tampak di dalam {name} pada gambar: kemungkinan lambang diubah atau "
                                f"diparodikan; perlu dipastikan pemeriksa; dasar: {article}.",
                                (seen, "wajah di dalam kotak lambang: 0,50"), True,
                                (("symbol_kind", kind), ("source", "image")))


def face_candidates(det: Detector, doc: Analysis) -> Iterable[Candidate]:
    """Rule 6: faces in a picture of a post about a prison are a privacy risk for inmates (always review)."""
    faces = [s for s in _visible(doc) if s.region.kind == "face"]
    if not faces:
        return
    context = None
    for f in doc.fields:
        if f.role == "own" or any(f.path.startswith(s.media + ".") for s in faces):
            hits = det.terms["prison_context"].find(f.doc)
            if hits:
                context = det.evidence(f, hits[0].first, hits[0].last)
                break
    if context is None:
        return
    by_medium: dict[str, list[SeenRegion]] = {}
    for s in faces:
        by_medium.setdefault(s.media, []).append(s)
    for media, found in by_medium.items():
        n = len(found)
        conf = min(0.6, 0.45 + 0.05 * (n - 1))
        # the context quote comes first: the rule's context check reads the first evidence's field
        yield Candidate(conf, (context, *(region_evidence(s) for s in found[:5])),
                        f"Gambar/video ({media}) menampakkan {n} wajah dalam unggahan berkonteks pemasyarakatan "
                        f"(\"{context.quote}\"): bila itu warga binaan, identitas mereka termasuk informasi yang "
                        f"dikecualikan (UU 14/2008 Pasal 17 huruf h). Pastikan wajah warga binaan disamarkan.",
                        (f"{n} wajah terdeteksi (cascade OpenCV, skor tertinggi "
                         f"{display.score(max(s.region.score for s in found))})",
                         f"konteks pemasyarakatan: '{context.quote}'",
                         f"risiko privasi, selalu perlu tinjauan: {display.score(conf)}"),
                        True, (("kind", "faces"), ("phase", "general"), ("source", "image")))
