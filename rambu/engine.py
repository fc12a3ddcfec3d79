"""The Screener: one activity in, one immutable Result out.

`screen` is the whole screening path. Batch screening cuts the input into
chunks that share no state; each chunk can be screened by any process (or,
later, any machine) that can build a Screener from the same ScreenerSpec.
"""
from __future__ import annotations

import json
import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, BinaryIO, Iterable, Iterator

from . import __version__, sanctions
from .analysis import Resources, analyse
from .contract.activity import Activity, ContractError, parse_activity
from .contract.io import LineError, decode_line, read_lines
from .detectors import detector_classes
from .detectors.base import Detector
from .results import Evidence, Finding, Result
from .settings import Config, load_config


@dataclass(frozen=True)
class ScreenerSpec:
    """Everything needed to build an identical Screener elsewhere (picklable: paths and flags only)."""

    config_path: str | None = None
    staff_path: str | None = None
    factchecks_path: str | None = None
    use_classifier: bool = True


class Screener:
    def __init__(self, config: Config | None = None, *, staff: Any = None, factchecks: Any = None,
                 classifier: Any = "bundled", media: Any = "auto", ocr: Any = "auto",
                 spec: ScreenerSpec | None = None):
        """`media`: "auto" (extract from the files named in activities), None (never open media files;
        `ocr=None` is the older name of that switch) or a MediaExtractor."""
        config = config or load_config(None)
        if classifier == "bundled":
            classifier = _bundled_classifier(config)
        if media == "auto":
            media = None if ocr is None else _media_extractor(config)
        calendar = _calendar(config)
        self.resources = Resources(config=config, classifier=classifier, factchecks=factchecks,
                                   staff=staff, calendar=calendar, media=media)
        self.detectors: list[Detector] = [cls(self.resources) for cls in detector_classes()
                                          if config.get(f"rule{cls.rule}.enabled", True)]
        _check_operator_lists(config, self.detectors)
        self.spec = spec  # set only when every worker can rebuild this exact Screener from it
        models = [("engine", __version__)] + [(d.name, str(d.version)) for d in self.detectors]
        if media is not None:
            from .media.extractor import VERSION as MEDIA_VERSION
            models.append(("media.extractor", MEDIA_VERSION))
        if classifier is not None:
            models.append(("classifier", getattr(classifier, "version", "?")))
        if factchecks is not None:
            models.append(("factchecks", str(getattr(factchecks, "size", len(factchecks) if hasattr(factchecks, "__len__") else "?"))))
        self.models = tuple(models)

    @classmethod
    def from_spec(cls, spec: ScreenerSpec) -> "Screener":
        config = load_config(spec.config_path)
        return cls(config, staff=load_staff(spec.staff_path)[0], factchecks=load_factchecks(spec.factchecks_path)[0],
                   classifier="bundled" if spec.use_classifier else None, spec=spec)

    def screen(self, activity: Activity | dict, prior_offences: int = 0, draft: bool = False) -> Result:
        """`draft`: a pre-publication check of the author's own draft. Nobody is accused by it, so explicit
        hate in words is always shown (for review) even where the models do not lean to it."""
        if not isinstance(activity, Activity):
            activity = parse_activity(activity)
        doc = analyse(activity, self.resources, draft=draft)
        findings: list[Finding] = []
        errors: list[str] = []
        for det in self.detectors:
            try:
                findings += det.run(doc)
            except Exception as e:  # one broken detector must not stop the batch
                errors.append(f"detektor {det.qualified_name} gagal: {type(e).__name__}: {e}")
        findings = [replace(f, evidence=doc.locate(f.evidence)) for f in findings]  # boxes and time codes
        findings = sanctions.attach(findings, doc, prior_offences) + _unexamined_findings(doc)
        decision = Result.decide(findings)
        if errors and decision == "clean":
            decision = "review"
        return Result(activity.id, decision, findings, tuple(errors + doc.notes),
                      engine_version=__version__, models=self.models, media=doc.media)

    def screen_many(self, activities: Iterable[Activity | dict]) -> Iterator[Result]:
        """Stream results in input order; invalid activities yield error results."""
        for n, a in enumerate(activities, 1):
            try:
                yield self.screen(a)
            except ContractError as e:
                aid = a.get("id") if isinstance(a, dict) else None
                yield Result(str(aid) if aid is not None else None, "error", errors=(str(e),), line=n)

    def screen_chunk(self, chunk: list[tuple[int, bytes | LineError]], base_dir: str | None) -> list[dict]:
        out = []
        for n, raw in chunk:
            item = raw if isinstance(raw, LineError) else decode_line(n, raw, base_dir)
            if isinstance(item, LineError):
                out.append(item.to_dict())
            else:
                out.append(self.screen(item).to_dict())
        return out


def _check_operator_lists(config: Config, detectors: list[Detector]) -> None:
    """A misspelt list name in the settings file would silently do nothing: refuse it."""
    known: dict[str, set[str]] = {}
    for d in detectors:
        known.setdefault(d.key, set()).update(d.terms)
    for key, named in config.lists.items():
        if key not in known:
            raise ValueError(f"{config.source}: [lists.{key}] tidak dikenal; yang ada: {', '.join(sorted(known))}")
        for name in named:
            if name not in known[key]:
                raise ValueError(f"{config.source}: [lists.{key}] {name}: daftar tidak dikenal; "
                                 f"yang ada: {', '.join(sorted(known[key]))}")


def load_staff(path: str | None) -> tuple[Any, list[str]]:
    """The staff directory and the rows it rejected (file, row, field); good rows are kept."""
    if not path:
        return None, []
    from .staff.directory import StaffDirectory
    directory = StaffDirectory.load(path, strict=False)
    return directory, [str(e) for e in directory.errors]


def load_factchecks(path: str | None, workers: int = 1) -> tuple[Any, list[str]]:
    """The fact-check index and the register rows it rejected; good rows are kept. `workers` > 1: a large
    register is analysed in forked processes (only where this process runs no other threads)."""
    if not path:
        return None, []
    from .factcheck.matcher import FactCheckIndex
    from .factcheck.register import load_register
    register = load_register(path, strict=False)
    return FactCheckIndex(register.entries, workers=workers), [str(e) for e in register.errors] + [
        f"peringatan: {w}" for w in getattr(register, "warnings", ())]


def _bundled_classifier(config: Config):
    try:
        from .classify.model import TextClassifier
    except ImportError:
        return None
    return TextClassifier.load(config.get("classifier.model_dir") or None)


def _calendar(config: Config):
    from .staff.dutytime import DutyCalendar
    return DutyCalendar.from_config(config)  # bad office hours or holidays file: ValueError naming it


def _media_extractor(config: Config):
    from .media.extractor import MediaExtractor
    return MediaExtractor(config)


UNEXAMINED_BASIS = ("Larangan bermedia sosial ASN Pemasyarakatan berlaku untuk teks, gambar, audio, dan video",)


def _unexamined_findings(doc) -> tuple[Finding, ...]:
    """A medium that could not be examined is never silently clean: rule 0, always for review, no sanction."""
    return tuple(Finding(
        rule=0, confidence=0.5, needs_review=True, evidence=(Evidence(u.field, 0, len(u.quote), u.quote),),
        explanation=f"Media belum terperiksa ({u.field}): {u.reason}. Periksa isinya secara manual terhadap "
                    "larangan 1-7.",
        basis=UNEXAMINED_BASIS, detector="media.unexamined@1",
        score_detail=("keyakinan 0,5: isi media tidak diketahui, bukan dugaan pelanggaran",))
        for u in doc.unexamined)


# --- batch: stateless chunks, optionally across processes -----------------------------------------

_WORKER: Screener | None = None
_PARENT: Screener | None = None  # inherited by forked workers: no model or index rebuilt


def _init_worker(spec: ScreenerSpec) -> None:
    global _WORKER
    _WORKER = _PARENT if _PARENT is not None else Screener.from_spec(spec)
    settle()


def settle() -> None:
    """In a process that does nothing but screen: the Screener's millions of long-lived objects leave the
    garbage collector's sight (`gc.freeze`), so its passes over the short-lived ones of each activity stay
    cheap (about a fifth of the CPU time on real text otherwise)."""
    import gc
    gc.collect()
    gc.freeze()


def _work(args: tuple[list, str | None, bool]) -> list:
    assert _WORKER is not None
    chunk, base_dir, as_json = args
    out = _WORKER.screen_chunk(chunk, base_dir)
    return [_json_line(d) for d in out] if as_json else out


def _json_line(d: dict) -> tuple[str, bool]:
    return json.dumps(d, ensure_ascii=False), "error" in d


def screen_stream(screener: Screener, stream: BinaryIO, base_dir: str | None = None,
                  workers: int | None = None, chunk_size: int | None = None,
                  as_json: bool = False) -> Iterator[Any]:
    """Screen a JSON Lines byte stream; yields result dicts (or, with `as_json`, pairs of their
    JSON text, serialised in the workers, and whether the line failed) in input order, with
    bounded memory."""
    cfg = screener.resources.config
    chunk_size = chunk_size or int(cfg.get("batch.chunk_size", 500))
    workers = workers if workers is not None else int(cfg.get("batch.workers", 0)) or (os.cpu_count() or 1)
    chunks = _chunks(read_lines(stream, int(cfg.get("input.max_line_bytes", 1_000_000))), chunk_size)
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if second is None or workers <= 1 or screener.spec is None:  # small input: no process start-up cost
        for chunk in _prepend((first, second) if second else (first,), chunks):
            out = screener.screen_chunk(chunk, base_dir)
            yield from (map(_json_line, out) if as_json else out)
        return
    global _PARENT
    ctx = multiprocessing.get_context()
    _PARENT = screener if ctx.get_start_method() == "fork" else None
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                                 initargs=(screener.spec,)) as pool:
            pending: deque = deque()
            for chunk in _prepend((first, second), chunks):
                pending.append(pool.submit(_work, (chunk, base_dir, as_json)))
                if len(pending) >= workers * 2:  # bounded look-ahead keeps memory flat
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        _PARENT = None


def _chunks(lines: Iterator, size: int) -> Iterator[list]:
    chunk: list = []
    for item in lines:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _prepend(head: tuple, rest: Iterator) -> Iterator:
    yield from head
    yield from rest

