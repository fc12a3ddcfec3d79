"""Cross-validation of the whole judgement, not just the classifiers.

1. Folds stratified by source and by the rule labels.
2. Per fold: vocabulary, idf and every label's model fitted on the other folds,
   logits for the held-out fold (out-of-fold); each rule label tries every
   model variant (`linear.VARIANTS`) and keeps the one that finds most at the
   false-accusation target.
3. Platt calibration per label on the out-of-fold logits.
4. Nested: per fold, the rule scorers and their operating points are fitted
   on the other folds' out-of-fold rows and applied to the held-out fold.
5. The engine itself (`Screener`, every detector) screens each held-out fold
   with that fold's models, and `rambu.evaluation` counts the figures the
   model card reports.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from . import linear, stacking
from .data import LABELS, Corpus
from .vectorize import Bags, fit_vocab, transform, vocab_meta

RULE_LABELS = ("rule1", "rule2")


def fold_ids(corpus: Corpus, folds: int, seed: int) -> np.ndarray:
    from sklearn.model_selection import StratifiedKFold

    strat = corpus.source * 4 + (corpus.label("rule2") == 1) * 2 + (corpus.label("rule1") == 1)
    counts = np.bincount(strat)
    strat = np.where(counts[strat] >= folds, strat, -1)  # tiny strata pooled
    ids = np.zeros(len(corpus), dtype=np.int64)
    for k, (_, te) in enumerate(StratifiedKFold(folds, shuffle=True, random_state=seed).split(ids, strat)):
        ids[te] = k
    return ids


@dataclass
class FoldModel:
    meta: dict  # vocabulary and idf (JSON part)
    coef: dict[str, dict[str, tuple[np.ndarray, float]]]  # label -> variant -> (weights, intercept)


@dataclass
class OutOfFold:
    folds: np.ndarray
    logits: dict[str, dict[str, np.ndarray]]  # label -> variant -> out-of-fold logits
    models: list[FoldModel] = field(default_factory=list)
    variant: dict[str, str] = field(default_factory=dict)  # chosen per label


def out_of_fold(corpus: Corpus, bags: Bags, folds: np.ndarray, seed: int, log=print) -> OutOfFold:
    n = len(corpus)
    oof = OutOfFold(folds, {lab: {} for lab in LABELS})
    for k in range(int(folds.max()) + 1):
        t0 = time.perf_counter()
        tr, te = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        vocab = fit_vocab(bags, tr)
        X = transform(bags, vocab)
        fm = FoldModel(vocab_meta(bags, vocab), {})
        for lab in LABELS:
            y = corpus.label(lab)
            for variant in (linear.VARIANTS if lab in RULE_LABELS else ("lr",)):
                w, b = linear.fit(X[tr], y[tr], variant, seed=seed)
                oof.logits[lab].setdefault(variant, np.zeros(n))[te] = linear.logits(X[te], w, b)
                fm.coef.setdefault(lab, {})[variant] = (w.astype(np.float32), b)
        oof.models.append(fm)
        log(f"  fold {k + 1}/{folds.max() + 1}: {X.shape[1]} features, {time.perf_counter() - t0:.1f}s")
    for lab in LABELS:
        oof.variant[lab] = _best_variant(oof.logits[lab], corpus.label(lab), corpus) if lab in RULE_LABELS else "lr"
    return oof


def recall_at_far(z: np.ndarray, y: np.ndarray, corpus: Corpus, far: float) -> float:
    """Recall of y's positives at the threshold that flags `far` of each source's clean rows at most."""
    t = -np.inf
    for s in np.unique(corpus.source[corpus.clean]):
        neg = np.sort(z[corpus.clean & (corpus.source == s)])[::-1]
        t = max(t, neg[min(int(far * len(neg)), len(neg) - 1)])
    pos = y == 1
    return float((z[pos] > t).mean()) if pos.any() else 0.0


def _best_variant(by_variant: dict[str, np.ndarray], y: np.ndarray, corpus: Corpus) -> str:
    scores = {v: recall_at_far(z, y, corpus, 0.025) for v, z in by_variant.items()}
    return max(scores, key=lambda v: (round(scores[v], 3), v == "lr"))  # ties: the simplest


def calibrated(z: np.ndarray, ab: tuple[float, float]) -> np.ndarray:
    return 1 / (1 + np.exp(-(ab[0] * z + ab[1])))


# How a rule's scorer reads its inputs; cross-validation keeps, per rule, the one that finds most at the
# false-accusation rates that matter (a scorer must never find less than its classifier alone).
SCORER_VARIANTS = {
    "words+labels": (True, True),  # word-list features and the other labels' logits
    "words": (True, False),
    "model": (False, False),  # the classifier's logit alone (recalibrated)
}


def _inputs(variant: str, z: dict[str, np.ndarray], lex: stacking.Lexical, rows) -> tuple[np.ndarray, dict]:
    words, labels = SCORER_VARIANTS[variant]
    X = lex.X[rows] if words else np.zeros_like(lex.X[rows])
    others = {lab: z[lab][rows] for lab in z if lab not in RULE_LABELS} if labels else {}
    return X, others


def fit_judgement(z: dict[str, np.ndarray], lex: dict[str, stacking.Lexical], corpus: Corpus,
                  calibration: dict[str, tuple[float, float]], rows: np.ndarray,
                  variants: dict[str, str] | None = None) -> dict:
    """Rule scorers with operating points fitted on `rows` (out-of-fold logits of every label in `z`)."""
    from dataclasses import replace

    variants = variants or {r: "words+labels" for r in RULE_LABELS}
    scorers = {}
    data = {}
    for r in RULE_LABELS:
        y = corpus.label(r)
        X, others = _inputs(variants[r], z, lex[r], rows)
        sc = stacking.fit_scorer(r, z[r][rows], X, y[rows], others)
        sc = replace(sc, calibration=calibration[r], floor_labels=stacking.FLOOR_LABELS[r])
        lean = np.max([calibrated(z[lab][rows], calibration[lab]) for lab in sc.floor_labels], axis=0)
        data[r] = stacking.RuleRows(stacking.score_rows(sc, z[r][rows], X, others),
                                    calibrated(z[r][rows], calibration[r]), lex[r].explicit[rows],
                                    lex[r].plain[rows], lex[r].plain_strong[rows], lean, y[rows])
        scorers[r] = sc
    points = stacking.choose_points(data, corpus.clean[rows], corpus.source[rows])
    return {r: replace(scorers[r], review=points[r][0], confirm=points[r][1], floor=points[r][2])
            for r in RULE_LABELS}


def choose_scorer_variants(oof: "OutOfFold", lex, corpus: Corpus, fars=(0.01, 0.025, 0.05)) -> tuple[dict, dict]:
    """Per rule, the scorer variant whose nested out-of-fold scores find most at the given rates of false
    accusations (mean recall; ties: the simplest). Returns (chosen, recall per variant and rate)."""
    z = {lab: oof.logits[lab][oof.variant[lab]] for lab in oof.logits}
    truth = {r: np.array([int(r[-1]) in t[0] for t in corpus.truth]).astype(int) for r in RULE_LABELS}
    table: dict = {r: {} for r in RULE_LABELS}
    for variant in SCORER_VARIANTS:
        for r in RULE_LABELS:
            p = np.zeros(len(corpus))
            for k in range(int(oof.folds.max()) + 1):
                tr, te = np.flatnonzero(oof.folds != k), oof.folds == k
                X, others = _inputs(variant, z, lex[r], tr)
                sc = stacking.fit_scorer(r, z[r][tr], X, corpus.label(r)[tr], others)
                Xt, ot = _inputs(variant, z, lex[r], te)
                p[te] = stacking.score_rows(sc, z[r][te], Xt, ot)
            table[r][variant] = {f"{far:g}": round(recall_at_far(p, truth[r], corpus, far), 4) for far in fars}
    order = list(SCORER_VARIANTS)[::-1]  # simplest first wins ties
    chosen = {r: max(order, key=lambda v: round(float(np.mean(list(table[r][v].values()))), 3)) for r in RULE_LABELS}
    return chosen, table


def nested_judgements(oof: OutOfFold, lex, corpus: Corpus, calibration, variants: dict[str, str]) -> list[dict]:
    """Per fold: scorers fitted without that fold (for the engine's cross-validated figures)."""
    z = {lab: oof.logits[lab][oof.variant[lab]] for lab in oof.logits}
    out = []
    for k in range(int(oof.folds.max()) + 1):
        out.append(fit_judgement(z, lex, corpus, calibration, np.flatnonzero(oof.folds != k), variants))
    return out


def nested_scores(oof: OutOfFold, lex, corpus: Corpus, nested: list[dict]) -> dict[str, np.ndarray]:
    """Out-of-fold final probability of each rule: fold k scored by the scorer fitted without fold k."""
    z = {lab: oof.logits[lab][oof.variant[lab]] for lab in oof.logits}
    out = {r: np.zeros(len(corpus)) for r in RULE_LABELS}
    for k, judgement in enumerate(nested):
        te = oof.folds == k
        for r, sc in judgement.items():
            others = {lab: z[lab][te] for lab in sc.label_weights}
            out[r][te] = stacking.score_rows(sc, z[r][te], lex[r].X[te], others)
    return out


def against_classifier(scores: dict[str, np.ndarray], z: dict[str, np.ndarray], corpus: Corpus,
                       fars=(0.01, 0.025, 0.05)) -> dict:
    """Recall of the rule's score and of its classifier alone at the same false-accusation rates (worst
    source of clean posts): the word lists and context must not find less than the model alone."""
    truth_pos = {r: np.array([int(r[-1]) in t[0] for t in corpus.truth]) for r in RULE_LABELS}
    out = {}
    for r in RULE_LABELS:
        y = truth_pos[r].astype(int)
        out[r] = {f"{far:g}": {"engine": round(recall_at_far(scores[r], y, corpus, far), 4),
                               "classifier": round(recall_at_far(z[r], y, corpus, far), 4)} for far in fars}
    return out
