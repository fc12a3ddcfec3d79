"""Screening labelled items with a Screener and counting (`rambu evaluate LABELLED`)."""
from __future__ import annotations

import io
import json
from typing import Callable, Iterable, Iterator

from .labelled import Labelled
from .metrics import Evaluation


def screen_items(screener, items: list[Labelled], workers: int | None = None,
                 tick: Callable[[], None] | None = None) -> Iterator[tuple[Labelled, dict]]:
    """(item, result dict) in input order, through the same batch path as `rambu check`."""
    from ..engine import screen_stream

    payload = io.BytesIO(b"".join(json.dumps(it.activity, ensure_ascii=False).encode("utf-8") + b"\n"
                                  for it in items))
    for item, res in zip(items, screen_stream(screener, payload, workers=workers)):
        if tick:
            tick()
        yield item, res


def evaluate_items(screener, items: Iterable[Labelled], workers: int | None = None,
                   tick: Callable[[], None] | None = None) -> Evaluation:
    ev = Evaluation()
    for item, res in screen_items(screener, list(items), workers, tick):
        ev.add(item, res)
    return ev
