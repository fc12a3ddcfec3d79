"""Varied real Indonesian text for benchmarks, read from ../shared/data at run time (never copied).

The training sets hold about 19,000 real posts: tweets (Ibrohim and Budi 2019), Instagram, Twitter and
Kaskus posts (Netifier), news articles (Pratiwi 2017) and hoax headlines (TurnBackHoax). `posts()` yields
them cleaned as the training code cleans them. `activities(n)` turns them into `n` distinct activities of
every type: the first pass uses each post as it is; later passes join a post with a sentence of another
and add a hashtag glued from two or three real words (as people write them: "#usutTuntasKorupsi"), so a
million activities keep bringing words the screener has never seen, as a real feed does.
"""
from __future__ import annotations

import csv
import random
import re
import sys
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
if not DATA.is_dir():
    DATA = Path("/work/shared/data")

_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD_RE = re.compile(r"[A-Za-z]{3,12}")


def posts(data_dir: Path | None = None) -> list[str]:
    """Every usable post of the training sets (cleaned like the training code does), in a fixed order."""
    sys.path.insert(0, str(ROOT))
    from rambu.training.data import DATASETS
    d = Path(data_dir or DATA)
    csv.field_size_limit(10_000_000)
    out: list[str] = []
    for ds in DATASETS:
        with open(d / ds.path, encoding="utf-8", newline="") as f:
            out += [ds.clean(r[ds.text_column]) for r in csv.DictReader(f)]
    for rel, col in (("pratiwi2017-hoax/train.csv", "berita"), ("turnbackhoax/claims.csv", "Headline"),
                     ("turnbackhoax/claims.csv", "Body")):
        p = d / rel
        if p.is_file():
            with open(p, encoding="utf-8", errors="replace", newline="") as f:
                out += [r.get(col) or "" for r in csv.DictReader(f, delimiter=";")]
    return [t.strip() for t in out if t and t.strip()]


def activities(n: int, seed: int = 11, data_dir: Path | None = None) -> Iterator[dict]:
    """`n` distinct activities built from real posts (types mixed as in a real export)."""
    texts = posts(data_dir)
    rnd = random.Random(seed)
    sentences = [s for t in texts for s in _SENTENCE_RE.split(t) if len(s) > 20]
    words = sorted({w for t in texts[:20000] for w in _WORD_RE.findall(t)})
    nips = ["198901142012121003", "199304022018011001", "198705112010011002"]
    for i in range(n):
        base = texts[i % len(texts)]
        if i >= len(texts):  # later passes: another post's sentence and a new hashtag
            tag = "".join(w.capitalize() for w in rnd.sample(words, rnd.randint(2, 3)))
            base = f"{base} {rnd.choice(sentences)} #{tag}"
        typ = rnd.choices(["post", "comment", "share", "like", "story"], [55, 20, 12, 8, 5])[0]
        a = {"id": f"r{i}", "platform": rnd.choice(["facebook", "x", "instagram", "tiktok"]), "type": typ,
             "author": {"nip": rnd.choice(nips)},
             "created_at": f"2025-03-{rnd.randint(10, 28):02d}T{rnd.randint(0, 23):02d}:{rnd.randint(0, 59):02d}:00+07:00"}
        if typ in ("share", "like"):
            a["target"] = {"text": base}
        elif typ == "comment":
            a["text"] = rnd.choice(sentences)
            a["target"] = {"text": base}
        else:
            a["text"] = base
        yield a
