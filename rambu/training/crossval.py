"""Cross-validation of the whole judgement, not just the classifiers.

1. Folds stratified by source and by the rule labels.
2. Per fold: vocabulary, idf and every label's model fitted on the other folds,
   logits for the held-out fold (out-of-fold); each rule label tries every
   model variant (`linear.VARIANTS`) and keeps the one that finds most at the
   false-accusation target.
3. Platt calibration per label on the out-of-fold logits.
4. Nested: per fold, the rule scorers and their operating points are fitted
   on the other folds' out-of-fold rows and applied to the held-out fold.
   What each scorer reads (its variant) is chosen this way too, on the
   held-out figures at the operating points: what ships, not a score curve.
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
from ..classify.rulescore import CONTEXT, FEATURES

RULE_LABELS = ("rule1", "rule2")
# A false accusation costs more than a miss, and the clean posts that are hardest to leave alone are Netifier's
# (scraped by topic: slurs and hot words in harmless posts); the rule labels' fits weigh them this much more.
# Chosen by 5-fold cross-validation of the classifier alone (`lr`), recall at 1% / 2.5% / 5% false accusations
# of the worst source: rule 2 20.5 / 38.9 / 54.4% at weight 1, 23.5 / 42.0 / 58.4% at 4, 24.0 / 42.2 / 59.7% at 8,
# 25.0 / 42.5 / 60.0% at 12; rule 1 16.6 / 42.2 / 68.5%, 21.1 / 43.2 / 70.8%, 23.1 / 44.8 / 72.9%,
# 22.4 / 44.6 / 73.1%. Weighing every source's clean posts alike did less for rule 2 (37.6% at 2.5%, weight 8).
CLEAN_WEIGHTS = {"netifier": 8.0}


def row_weights(corpus: Corpus, lab: str) -> np.ndarray | None:
    """Per-row weights of a label's fit: `CLEAN_WEIGHTS` on the rule labels, none on the others."""
    if lab not in RULE_LABELS:
        return None
    w = np.ones(len(corpus))
    for name, x in CLEAN_WEIGHTS.items():
        if name in corpus.sources:
            w[corpus.clean & (corpus.source == corpus.sources.index(name))] = x
    return w


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


def extended(corpus: Corpus, lab: str, origin: np.ndarray, copy_weight: float) -> tuple[np.ndarray, np.ndarray | None]:
    """A label's values and row weights over the posts and then their augmented copies (`augment`; `origin`:
    each copy's post), copies weighing `copy_weight` times their post."""
    y = corpus.label(lab)
    weight = row_weights(corpus, lab)
    if not len(origin):
        return y, weight
    base = np.ones(len(corpus)) if weight is None else weight
    return np.concatenate([y, y[origin]]), np.concatenate([base, base[origin] * copy_weight])


def out_of_fold(corpus: Corpus, bags: Bags, folds: np.ndarray, seed: int, log=print,
                origin: np.ndarray = np.zeros(0, dtype=np.int64), copy_weight: float = 1.0) -> OutOfFold:
    """`bags` holds the posts, then their augmented copies (`origin`: each copy's post): a copy trains in its
    post's fold and is never scored."""
    n = len(corpus)
    oof = OutOfFold(folds, {lab: {} for lab in LABELS})
    every_fold = np.concatenate([folds, folds[origin]])
    for k in range(int(folds.max()) + 1):
        t0 = time.perf_counter()
        tr, te = np.flatnonzero(every_fold != k), np.flatnonzero(folds == k)
        vocab = fit_vocab(bags, tr)
        X = transform(bags, vocab)
        fm = FoldModel(vocab_meta(bags, vocab), {})
        for lab in LABELS:
            y, weight = extended(corpus, lab, origin, copy_weight)
            for variant in (linear.VARIANTS if lab in RULE_LABELS else ("lr",)):
                w, b = linear.fit(X[tr], y[tr], variant, seed=seed, weight=None if weight is None else weight[tr])
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
    "words+labels": ("all", True),  # word-list features and the other labels' logits
    "words": ("all", False),
    "context": ("context", False),  # only the context features (news, condemnation, reported speech ...): they lower
    "model": ("none", False),  # the classifier's logit alone (recalibrated)
}
_CONTEXT_COLUMNS = np.array([name in CONTEXT for name in FEATURES])


def _inputs(variant: str, z: dict[str, np.ndarray], lex: stacking.Lexical, rows) -> tuple[np.ndarray, dict]:
    words, labels = SCORER_VARIANTS[variant]
    X = lex.X[rows] if words != "none" else np.zeros_like(lex.X[rows])
    if words == "context":
        X = X * _CONTEXT_COLUMNS
    others = {lab: z[lab][rows] for lab in z if lab not in RULE_LABELS} if labels else {}
    return X, others


def _rule_rows(sc, variant: str, r: str, z: dict[str, np.ndarray], lex, corpus: Corpus, calibration,
               rows: np.ndarray) -> stacking.RuleRows:
    X, others = _inputs(variant, z, lex[r], rows)
    lean = np.max([calibrated(z[lab][rows], calibration[lab]) for lab in sc.floor_labels], axis=0)
    return stacking.RuleRows(stacking.score_rows(sc, z[r][rows], X, others), calibrated(z[r][rows], calibration[r]),
                             lex[r].explicit[rows], lex[r].plain[rows], lex[r].plain_strong[rows], lean,
                             corpus.label(r)[rows])


def fit_judgement(z: dict[str, np.ndarray], lex: dict[str, stacking.Lexical], corpus: Corpus,
                  calibration: dict[str, tuple[float, float]], rows: np.ndarray,
                  variants: dict[str, str] | None = None) -> dict:
    """Rule scorers with operating points fitted on `rows` (out-of-fold logits of every label in `z`)."""
    from dataclasses import replace

    variants = variants or {r: "words+labels" for r in RULE_LABELS}
    scorers = {}
    data = {}
    for r in RULE_LABELS:
        X, others = _inputs(variants[r], z, lex[r], rows)
        sc = stacking.fit_scorer(r, z[r][rows], X, corpus.label(r)[rows], others)
        scorers[r] = replace(sc, calibration=calibration[r], floor_labels=stacking.FLOOR_LABELS[r])
        data[r] = _rule_rows(scorers[r], variants[r], r, z, lex, corpus, calibration, rows)
    points = stacking.choose_points(data, corpus.clean[rows], corpus.source[rows])
    return {r: replace(scorers[r], review=points[r][0], confirm=points[r][1], floor=points[r][2])
            for r in RULE_LABELS}


# What the shipped judgement may cost out of fold (the budgets): the search aims lower in-fold
# (`stacking.TARGETS`), and a combination of scorer variants whose held-out figures break these is not chosen.
BUDGETS = {"any_far": 0.05, "confirm_far": 0.01}
TIE = 0.005  # goal-weighted recall closer than this is a tie (below the spread between folds)
LEVEL = 0.015  # a score may find this much less than its classifier alone at 1%, 2.5% and 5%: the folds' own
# scorers put the folds on slightly different scales, so even the model's logit alone, recalibrated per fold,
# measures up to 1.1 points below its pooled logits; a recall on 1,100-2,200 positives varies by about 1.5 points


def held_out(oof: OutOfFold, lex, corpus: Corpus, calibration, variants: dict[str, str],
             nested: list[dict]) -> dict:
    """The judgement as it ships (scorers, review and confirm points, floor; `nested_judgements`) applied to
    each fold it was fitted without: false accusations of clean posts (worst source; rules 1 and 2 together)
    and recall per rule, for any finding and for confirmed ones; `level`: whether each rule's score finds as
    much as its classifier alone at the same rates of false accusations (within `LEVEL`)."""
    z = {lab: oof.logits[lab][oof.variant[lab]] for lab in oof.logits}
    n = len(corpus)
    hit = {kind: {r: np.zeros(n, dtype=bool) for r in RULE_LABELS} for kind in ("any", "confirmed")}
    score = {r: np.zeros(n) for r in RULE_LABELS}
    for k, judgement in enumerate(nested):
        te = np.flatnonzero(oof.folds == k)
        for r, sc in judgement.items():
            rows = _rule_rows(sc, variants[r], r, z, lex, corpus, calibration, te)
            hit["any"][r][te] = (rows.p >= sc.review) | rows.floored(sc.floor)
            hit["confirmed"][r][te] = rows.confirmed(sc.confirm)
            score[r][te] = rows.p
    groups = [corpus.clean & (corpus.source == s) for s in np.unique(corpus.source[corpus.clean])]
    # the other bar: at every rate of false accusations the score finds as much as its classifier alone
    curves = against_classifier(score, {r: z[r] for r in RULE_LABELS}, corpus)
    out: dict = {"level": all(c["engine"] >= c["classifier"] - LEVEL for by in curves.values() for c in by.values())}
    for kind, by_rule in hit.items():
        union = np.logical_or.reduce(list(by_rule.values()))
        out[f"far_{kind}"] = round(max(float(union[g].mean()) for g in groups), 4)
        for r, h in by_rule.items():
            pos = corpus.label(r) == 1
            out[f"recall_{kind}_{r}"] = round(float(h[pos].mean()), 4) if pos.any() else 0.0
    return out


def choose_scorer_variants(oof: OutOfFold, lex, corpus: Corpus, calibration) -> tuple[dict, list[dict], list[dict]]:
    """The scorer variant of each rule, chosen together as they ship: per combination, the judgement is fitted
    without each fold and measured on it at its own operating points (`held_out`). Among the combinations
    within `BUDGETS` whose scores stay level with their classifiers, the most recall for the rules' goals wins
    (the least goal-weighted recall of the two, as the operating-point search weighs them); ties go to the
    most confirmed recall, then to the simpler (`pick`). Returns (chosen, figures per combination, the chosen
    combination's judgements per fold)."""
    from itertools import product

    simplicity = {v: i for i, v in enumerate(reversed(list(SCORER_VARIANTS)))}  # "model" simplest
    table, judgements = [], []
    for combo in product(SCORER_VARIANTS, repeat=len(RULE_LABELS)):
        variants = dict(zip(RULE_LABELS, combo))
        nested = nested_judgements(oof, lex, corpus, calibration, variants)
        fig = held_out(oof, lex, corpus, calibration, variants, nested)
        in_budget = fig["far_any"] <= BUDGETS["any_far"] and fig["far_confirmed"] <= BUDGETS["confirm_far"]
        goal = min(fig[f"recall_any_{r}"] / stacking.RECALL_GOALS.get(r, 1.0) for r in RULE_LABELS)
        confirmed = sum(fig[f"recall_confirmed_{r}"] / stacking.RECALL_GOALS.get(r, 1.0) for r in RULE_LABELS)
        table.append({"variants": variants, **fig, "in_budget": in_budget,
                      "goal": round(goal, 4), "confirmed": round(confirmed, 4),
                      "complexity": sum(simplicity[v] for v in combo)})
        judgements.append(nested)
    chosen = pick(table)
    chosen["chosen"] = True
    return dict(chosen["variants"]), table, judgements[table.index(chosen)]


def pick(table: list[dict]) -> dict:
    """The row of `choose_scorer_variants` that ships: within the budgets (if any row is), the most goal-weighted
    recall; among rows within `TIE` of it, the most confirmed recall (what the product acts on), then the least
    complex."""
    pool = [row for row in table if row["in_budget"] and row["level"]] or table
    best = max(row["goal"] for row in pool)
    return max((row for row in pool if row["goal"] >= best - TIE),
               key=lambda row: (round(row["confirmed"], 3), -row["complexity"], row["goal"]))


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
