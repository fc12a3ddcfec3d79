"""`rambu train`: rebuild the text models and rule scorers of rules 1 and 2 from ../shared/data.

    python -m rambu.training.train [--data DIR] [--out DIR] [--folds 5] [--seed 0] [--feedback URL]

Steps, all deterministic for a given seed and data:

1. read ``ibrohim2019/train.csv`` and ``netifier/train.csv`` (never copied into
   the repository; `data.py`), plus reviewers' decisions from a rambu
   database with ``--feedback`` (`feedback.py`), into one corpus;
2. featurize every post through exactly the inference path (`vectorize.py`);
3. cross-validate the whole judgement (`crossval.py`): out-of-fold logits of
   every label and model variant, Platt calibration, rule scorers with their
   operating points, and the engine's own figures per rule;
4. fit the final vocabulary and models on all rows and write ``manifest.json``,
   ``joint.json``, ``joint.npz`` (no pickle), ``MODEL_CARD.md`` and ``LICENSE.md``.

scikit-learn and scipy are needed here only (extra ``rambu[train]``), never at inference.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from ..classify import features as F
from ..classify.model import FORMAT, MANIFEST, TextClassifier, make_group, normalizer_fingerprint
from ..classify.rulescore import LEXICAL_PRIOR, RuleScorer
from . import augment, card, crossval, linear, stacking
from .data import DATASETS, LABELS, Corpus, corpus_from, load_dataset
from .vectorize import VOCAB, Bags, featurize, fit_vocab, save_npz, transform, vocab_meta

VERSION = "clf-2026.12.7"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data"
DEFAULT_OUT = REPO_ROOT / "rambu" / "classify" / "models"
GROUP = "joint"


@dataclass
class Result:
    classifier: TextClassifier
    manifest: dict
    parts: dict[str, tuple[dict, np.ndarray, np.ndarray]] = field(default_factory=dict)


def train(data_dir: Path = DEFAULT_DATA, folds: int = 5, seed: int = 0, limit: int | None = None,
          datasets: Sequence[str] | None = None, feedback: Sequence[tuple[str, str, dict]] = (),
          log=print) -> Result:
    """Train in memory; returns the classifier and what `write` saves."""
    t0 = time.perf_counter()
    loaded = [load_dataset(ds, Path(data_dir), limit, seed) for ds in DATASETS
              if not datasets or ds.name in datasets]
    corpus = corpus_from(loaded, feedback)
    copy_texts, origin = augment.augment(corpus.texts, augment.COPIES, seed)
    bags = featurize(corpus.texts + copy_texts)  # the posts, then their group-swapped copies (`augment`)
    log(f"{len(corpus)} rows ({', '.join(corpus.sources)}) and {len(copy_texts)} group-swapped copies featurized in "
        f"{time.perf_counter() - t0:.1f}s")
    variant = {lab: "lr" for lab in LABELS}
    calibration: dict[str, tuple[float, float]] = {}
    cv: dict = {}
    if folds and folds > 1:
        cv, variant, calibration, judgement = _cross_validate(corpus, bags, folds, seed, log, origin)
    else:
        judgement = {r: _uncalibrated_scorer(r) for r in crossval.RULE_LABELS}
    vocab = fit_vocab(bags)
    X = transform(bags, vocab)
    coefs, intercepts = [], []
    for lab in LABELS:
        y, weight = crossval.extended(corpus, lab, origin, augment.WEIGHT)
        w, b = linear.fit(X, y, variant[lab], seed=seed, weight=weight)
        coefs.append(w.astype(np.float32))
        intercepts.append(b)
    meta = vocab_meta(bags, vocab)
    coef = np.ascontiguousarray(np.stack(coefs, axis=1), dtype=np.float32)
    intercept = np.array(intercepts, dtype=np.float32)
    log(f"final model: {coef.shape[0]} features x {coef.shape[1]} labels ({time.perf_counter() - t0:.1f}s)")
    manifest = _manifest(corpus, meta, variant, calibration, judgement, cv, folds, seed, len(feedback), len(copy_texts))
    group = make_group(GROUP, LABELS, meta, coef, intercept)
    return Result(TextClassifier(manifest, [group]), manifest, {GROUP: (meta, coef, intercept)})


def _uncalibrated_scorer(rule: str) -> RuleScorer:
    """Without cross-validation: the classifier's logit plus the word lists' prior weights."""
    return RuleScorer(rule=rule, bias=0.0, model_weight=1.0, weights=dict(LEXICAL_PRIOR["weights"]),
                      review=0.5, confirm=0.9)


def _cross_validate(corpus: Corpus, bags: Bags, folds: int, seed: int, log, origin: np.ndarray):
    fids = crossval.fold_ids(corpus, folds, seed)
    oof = crossval.out_of_fold(corpus, bags, fids, seed, log, origin, augment.WEIGHT)
    calibration = {lab: linear.platt(oof.logits[lab][oof.variant[lab]], corpus.label(lab)) for lab in LABELS}
    labels = {}
    for lab in LABELS:
        a, b = calibration[lab]
        prob = 1 / (1 + np.exp(-(a * oof.logits[lab][oof.variant[lab]] + b)))
        known = corpus.label(lab) >= 0
        labels[lab] = dict(card.label_metrics(corpus.label(lab)[known], prob[known]), folds=folds,
                           variant=oof.variant[lab])
    variants = {lab: {v: round(crossval.recall_at_far(z, corpus.label(lab), corpus, far), 4)
                      for v, z in oof.logits[lab].items() for far in (0.025,)}
                for lab in crossval.RULE_LABELS}
    t0 = time.perf_counter()
    lex = {r: stacking.lexical_features(corpus.texts, r) for r in crossval.RULE_LABELS}
    log(f"  word-list features in {time.perf_counter() - t0:.1f}s")
    scorer_variants, scorer_table, nested = crossval.choose_scorer_variants(oof, lex, corpus, calibration)
    log(f"  scorer variants: {scorer_variants}")
    compare = crossval.against_classifier(crossval.nested_scores(oof, lex, corpus, nested),
                                          {r: oof.logits[r][oof.variant[r]] for r in crossval.RULE_LABELS}, corpus)
    engine = engine_cross_validation(corpus, oof, calibration, nested, log)
    z = {lab: oof.logits[lab][oof.variant[lab]] for lab in LABELS}
    final = crossval.fit_judgement(z, lex, corpus, calibration, np.arange(len(corpus)), scorer_variants)
    cv = {"folds": folds, "seed": seed, "labels": labels, "variants": variants, "engine": engine,
          "against_classifier": compare, "scorer_variants": {"chosen": scorer_variants, "held_out": scorer_table,
                                                     "budgets": dict(crossval.BUDGETS), "tie": crossval.TIE,
                                                     "level": crossval.LEVEL},
          "nested_points": [{r: [round(j[r].review, 4), round(j[r].confirm, 4)] for r in j} for j in nested]}
    return cv, dict(oof.variant), calibration, final


def fold_classifier(corpus: Corpus, oof: crossval.OutOfFold, k: int, calibration, scorers) -> TextClassifier:
    fm = oof.models[k]
    coef = np.stack([fm.coef[lab][oof.variant[lab]][0] for lab in LABELS], axis=1)
    intercept = np.array([fm.coef[lab][oof.variant[lab]][1] for lab in LABELS], dtype=np.float32)
    manifest = {"format": FORMAT, "version": f"{VERSION}-fold{k + 1}", "features": dict(F.DEFAULT_CONFIG),
                "calibration": {lab: list(calibration[lab]) for lab in LABELS},
                "rules": {r: s.to_manifest() for r, s in scorers.items()}}
    return TextClassifier(manifest, [make_group(GROUP, LABELS, fm.meta, np.ascontiguousarray(coef), intercept)])


def engine_cross_validation(corpus: Corpus, oof: crossval.OutOfFold, calibration, nested, log) -> dict:
    """Every held-out fold screened by the whole engine with that fold's models; figures per rule."""
    from ..engine import Screener
    from ..evaluation.labelled import items_from_texts
    from ..evaluation.metrics import Evaluation
    from ..settings import default_config

    t0 = time.perf_counter()
    ev = Evaluation()
    items = list(items_from_texts(corpus.texts, corpus.truth, [corpus.sources[s] for s in corpus.source]))
    for k in range(int(oof.folds.max()) + 1):
        clf = fold_classifier(corpus, oof, k, calibration, nested[k])
        screener = Screener(default_config(), classifier=clf, ocr=None)
        for i in np.flatnonzero(oof.folds == k):
            ev.add(items[i], screener.screen(items[i].activity).to_dict())
    log(f"  engine cross-validation: {len(corpus)} posts screened in {time.perf_counter() - t0:.1f}s")
    return ev.to_dict()


def _manifest(corpus: Corpus, meta: dict, variant, calibration, judgement, cv, folds, seed, n_feedback,
              n_copies: int = 0) -> dict:
    fingerprints = dict(corpus.fingerprints)
    combined = hashlib.sha256(json.dumps(fingerprints, sort_keys=True).encode()).hexdigest()
    return {
        "format": FORMAT,
        "version": VERSION,
        "labels": list(LABELS),
        "thresholds": {lab: cv["labels"][lab]["threshold"] if cv else 0.5 for lab in LABELS},
        "calibration": {lab: [round(a, 6), round(b, 6)] for lab, (a, b) in calibration.items()},
        "rules": {r: s.to_manifest() for r, s in judgement.items()},
        "features": dict(F.DEFAULT_CONFIG),
        "vocabulary": dict(VOCAB),
        "model": {"type": "linear", "variants": variant, "C": linear.C, "class_weight": "balanced", "seed": seed,
                  "stacker_C": stacking.STACK_C, "clean_weights": dict(crossval.CLEAN_WEIGHTS),
                  "targets": dict(stacking.TARGETS), "agreement": stacking.AGREEMENT,
                  "augmentation": {"kind": "group swap", "copies": augment.COPIES, "weight": augment.WEIGHT,
                                   "rows": n_copies, "names": {k: list(v) for k, v in augment.SWAPS.items()}}},
        "data_fingerprint": {"sha256": combined, "files": fingerprints, "feedback_rows": n_feedback},
        "normalizer_fingerprint": normalizer_fingerprint(),
        "cv": cv or {"folds": folds, "seed": seed},
        "groups": [{"name": GROUP, "labels": list(LABELS), "vocab": f"{GROUP}.json", "weights": f"{GROUP}.npz",
                    "rows": len(corpus), "sources": list(corpus.sources),
                    "n_word_features": len(meta["word_vocab"]), "n_char_features": len(meta["char_vocab"])}],
        "licence": "CC BY-NC-SA 4.0",
    }


def write(result: Result, out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (meta, coef, intercept) in result.parts.items():
        (out_dir / f"{name}.json").write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")) + "\n",
                                              encoding="utf-8")
        save_npz(out_dir / f"{name}.npz", coef=coef, intercept=intercept)
        written += [out_dir / f"{name}.json", out_dir / f"{name}.npz"]
    for stale in ("ibrohim2019.json", "ibrohim2019.npz", "netifier.json", "netifier.npz"):
        if (out_dir / stale).exists() and stale.split(".")[0] not in result.parts:
            (out_dir / stale).unlink()  # groups of an earlier format
    (out_dir / MANIFEST).write_text(json.dumps(result.manifest, ensure_ascii=False, indent=1) + "\n",
                                    encoding="utf-8")
    (out_dir / "MODEL_CARD.md").write_text(card.model_card(result.manifest, written), encoding="utf-8")
    (out_dir / "LICENSE.md").write_text(card.LICENCE_TEXT, encoding="utf-8")
    return written + [out_dir / MANIFEST, out_dir / "MODEL_CARD.md", out_dir / "LICENSE.md"]


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="rambu train", description="Rebuild the text models of rules 1 and 2.")
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="training data folder (default: %(default)s)")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="output model folder (default: %(default)s)")
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds (0 = no cross-validation)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=None, help="use only N rows per data set (quick experiments)")
    ap.add_argument("--datasets", default=None, help="comma-separated subset: ibrohim2019,netifier")
    ap.add_argument("--feedback", default=None, metavar="DATABASE_URL",
                    help="add reviewers' confirmed and dismissed findings from a rambu database")
    ap.add_argument("--quiet", action="store_true")
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log = (lambda *a, **k: None) if args.quiet else (lambda *a, **k: print(*a, **k, file=sys.stderr))
    t0 = time.perf_counter()
    rows: list = []
    if args.feedback:
        from ..evaluation.feedback import feedback_rows
        try:
            rows = feedback_rows(args.feedback)
        except Exception as e:  # noqa: BLE001 - any database error is a usage error here
            print(f"rambu train: --feedback {args.feedback}: {e}", file=sys.stderr)
            return 2
        log(f"feedback: {len(rows)} reviewed findings from the database")
    try:
        result = train(Path(args.data), args.folds, args.seed, args.limit,
                       args.datasets.split(",") if args.datasets else None, rows, log)
    except FileNotFoundError as e:
        print(f"rambu train: {e}", file=sys.stderr)
        return 2
    files = write(result, Path(args.out))
    total = sum(p.stat().st_size for p in files)
    log(f"wrote {len(files)} files ({total / 1e6:.2f} MB) to {args.out} in {time.perf_counter() - t0:.1f}s")
    for r, s in result.manifest["rules"].items():
        log(f"  {r}: review from {s['operating_points']['review']:.3f}, confirm from {s['operating_points']['confirm']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
