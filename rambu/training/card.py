"""The model card written next to the models (`MODEL_CARD.md`), from the manifest alone."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from ..classify.rulescore import LABELS as FEATURE_LABELS

def _prf(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = int(np.sum((pred == 1) & (y == 1)))
    fp = int(np.sum((pred == 1) & (y == 0)))
    fn = int(np.sum((pred == 0) & (y == 1)))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def label_metrics(y: np.ndarray, prob: np.ndarray) -> dict:
    p05, r05, f05 = _prf(y, (prob >= 0.5).astype(int))
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    scores = [(_prf(y, (prob >= t).astype(int))[2], -abs(t - 0.5), t) for t in grid]
    best_f, _, best_t = max(scores)
    pb, rb, fb = _prf(y, (prob >= best_t).astype(int))
    ap = _average_precision(y, prob)
    return {"positives": int(y.sum()), "rows": int(len(y)),
            "precision@0.5": round(p05, 4), "recall@0.5": round(r05, 4), "f1@0.5": round(f05, 4),
            "threshold": float(best_t),
            "precision@t": round(pb, 4), "recall@t": round(rb, 4), "f1@t": round(fb, 4),
            "average_precision": round(ap, 4)}


def _average_precision(y: np.ndarray, prob: np.ndarray) -> float:
    if y.sum() == 0:
        return 0.0
    order = np.argsort(-prob, kind="mergesort")
    ys = y[order]
    tp = np.cumsum(ys)
    precision = tp / np.arange(1, len(ys) + 1)
    return float(np.sum(precision * ys) / ys.sum())


LICENCE_TEXT = """\
# Licence of the bundled text-classifier models

The files in this folder other than this licence and the model card
(`manifest.json`, `*.json` vocabularies, `*.npz` weights) are models trained on

- Ibrohim and Budi (2019), Indonesian multi-label hate speech and abusive
  language data set, licensed CC BY-NC-SA 4.0, and
- Netifier (Izzan, Wibisono, Putra), Indonesian social-media toxicity data set,
  licensed CC BY-NC-SA 4.0 (as listed by NusaCrowd).

As works derived from CC BY-NC-SA 4.0 data, **these model artefacts are licensed
under the Creative Commons Attribution-NonCommercial-ShareAlike 4.0
International licence (CC BY-NC-SA 4.0)**:
https://creativecommons.org/licenses/by-nc-sa/4.0/

- Attribution: cite the data sets (see `MODEL_CARD.md`).
- NonCommercial: no commercial use of the models.
- ShareAlike: adaptations of the models must carry the same licence.

This licence covers the model artefacts only. The rambu source code, including
the training code that produced them (`rambu/training/`), is under the
project's own licence (see `pyproject.toml`).
"""

_LABEL_MEANING = {
    "HS": "hate speech (any target)",
    "Abusive": "abusive / offensive language",
    "HS_Individual": "hate speech aimed at an individual",
    "HS_Group": "hate speech aimed at a group",
    "HS_Religion": "hate speech about religion or creed",
    "HS_Race": "hate speech about race or ethnicity",
    "HS_Physical": "hate speech about physique or disability",
    "HS_Gender": "hate speech about gender or sexual orientation",
    "HS_Other": "other hate speech (insults, slander)",
    "sara": "SARA: ethnic, religious, racial or inter-group insult",
    "radikalisme": "radicalism",
    "pornografi": "pornography",
    "pencemaran_nama_baik": "defamation",
}




def _verdict(row: dict) -> str:
    if row.get("chosen"):
        return "**chosen**"
    return "over budget" if not row["in_budget"] else "below the classifier" if not row["level"] else ""


def _pct(x) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def _engine_table(engine: dict) -> list[str]:
    lines = ["| source | rule | positives | precision (any / confirmed) | recall (any / confirmed) | "
             "false accusations on clean posts (any / confirmed) | review rate |",
             "|---|---|---|---|---|---|---|"]
    for source, block in engine.get("sources", {}).items():
        for r, f in block["rules"].items():
            lines.append(f"| {source} | {r} | {f['positives']:,} | {_pct(f['precision'])} / {_pct(f['precision_confirmed'])} | "
                         f"{_pct(f['recall'])} / {_pct(f['recall_confirmed'])} | "
                         f"{_pct(f['false_accusation_rate'])} / {_pct(f['false_accusation_rate_confirmed'])} | "
                         f"{_pct(f['review_rate'])} |")
    return lines


def _clean_lines(engine: dict) -> list[str]:
    out = []
    for source, block in engine.get("sources", {}).items():
        r12 = [block["rules"].get(r) for r in ("1", "2")]
        clean = max((f["clean"] for f in r12 if f), default=0)
        out.append(f"- {source}: {clean:,} clean posts; any finding of any rule on "
                   f"{_pct(block['clean_items_with_any_finding'])} of them, a confirmed one on "
                   f"{_pct(block['clean_items_with_confirmed_finding'])}.")
    return out


def _augmentation_lines(m: dict) -> list[str]:
    aug = m["model"].get("augmentation")
    if not aug or not aug.get("rows"):
        return []
    names = "; ".join(f"{kind}: {', '.join(words)}" for kind, words in aug["names"].items())
    return [f"Group-swapped copies (`rambu/training/augment.py`): every post that names an ethnic or religious "
            f"group is copied {aug['copies']} time(s) with each such name swapped for another of its kind, "
            f"{aug['rows']:,} copies in all, each weighing {aug['weight']:g} of a post, training in its post's "
            "fold and never scored (every figure below is on the original posts). The data sets' SARA hate is "
            "mostly about a few groups; without the copies the models read the group's name as the signal and "
            f"missed the same hate about other groups. Names ({names}).", ""]


def model_card(manifest: dict, files: list[Path]) -> str:
    m = manifest
    cv = m.get("cv", {})
    g = m["groups"][0]
    lines = [
        "# Model card: rambu text models and rule scorers (rules 1 and 2)",
        "",
        "<!-- Generated by `rambu train` (rambu/training/). Do not edit by hand: retrain instead. -->",
        "",
        f"- **Version:** `{m['version']}`  (format `{m['format']}`)",
        f"- **Licence:** {m['licence']} (trained on CC BY-NC-SA 4.0 data; see `LICENSE.md`)",
        f"- **Data fingerprint:** sha256 `{m['data_fingerprint']['sha256']}`"
        + (f" (+ {m['data_fingerprint']['feedback_rows']:,} reviewer decisions)"
           if m["data_fingerprint"].get("feedback_rows") else ""),
        f"- **Normaliser fingerprint:** sha256 `{m['normalizer_fingerprint']}` "
        "(`rambu/text/normalize.py` + `slang.py`; retrain when they change)",
        "- **Used by:** rule 1 (hate against Pancasila, UUD 1945, NKRI, the government; radicalism) and rule 2 "
        "(SARA hate), and through them rule 3 (spreading), via `Analysis.logits(field)` and "
        "`TextClassifier.rule_scorer`.",
        "",
        "## Intended use",
        "",
        "One calibrated probability per rule for one social-media text, combined with the rule's word lists "
        "(target, hostility, context) into the rule's score. A finding is confirmed only when that score reaches "
        "the confirm point, the classifier's own probability is at least "
        f"{m['model']['agreement']:g} and the text shows explicit hate (a hateful phrase or an insult aimed at a "
        "target); a band below goes to review. The probabilities are calibrated on the training data's mix "
        "(10-16% hateful posts); on real staff posts hate is far rarer, so read them as ranking scores with "
        "known error rates (below), not as frequencies. Not for commercial use (licence).",
        "",
        "## Training data",
        "",
        "| data set | file (read from `../shared/data`, not in the repo) | rows used | sha256 |",
        "|---|---|---|---|",
    ]
    for path, f in m["data_fingerprint"]["files"].items():
        lines.append(f"| {path.split('/')[0]} | `{path}` | {f['rows_used']:,} of {f['rows_in_file']:,} | "
                     f"`{f['sha256'][:16]}…` |")
    lines += [
        "",
        "- ibrohim2019: Ibrohim, M. O. and Budi, I. (2019). Multi-label Hate Speech and Abusive Language Detection in "
        "Indonesian Twitter. ALW3, ACL. CC BY-NC-SA 4.0.",
        "- netifier: Izzan, A., Wibisono, C. and Putra, I. F. Netifier: Indonesian social-media text toxicity data "
        "set (Instagram, Twitter, Kaskus), as distributed by NusaCrowd. CC BY-NC-SA 4.0.",
        "",
        "Labels the rules read:",
        "",
        "- `rule2` (SARA hate): Ibrohim `HS_Religion` or `HS_Race`; Netifier `sara`. One model on both sets.",
        "- `rule1` (radicalism and hate against the state): Netifier `radikalisme`; Ibrohim tweets without hate "
        "speech are negatives, hateful Ibrohim tweets are left out (their target is not annotated).",
        "- The data sets' own labels (`HS`, `Abusive`, `HS_*`; `sara`, `radikalisme`, `pornografi`, "
        "`pencemaran_nama_baik`) are trained on their own rows for `rambu classify`.",
        "- Clean posts, the base of every false-accusation rate: Ibrohim tweets with neither `HS` nor `Abusive`; "
        "Netifier posts with no label at all.",
        "",
        "Cleaning before featurization: literal `\\n` to line breaks, `USER`/`URL`/`RT` placeholders removed, "
        "emoji stored as byte escapes decoded, HTML entities decoded; Kaskus BBCode tags and smiley codes removed.",
        "",
        "## Features and models",
        "",
        "Exactly the inference path: `rambu.text.normalize.normalize(text)` then `rambu.classify.features.extract`: "
        f"word n-grams {tuple(m['features']['word_ngrams'])} (not across sentence punctuation), character n-grams "
        f"{tuple(m['features']['char_ngrams'])} inside words, sublinear TF x smoothed idf, L2 per block; one "
        f"vocabulary over all sources (word df >= {m['vocabulary']['word_min_df']}, at most "
        f"{m['vocabulary']['word_max_features']:,}; char df >= {m['vocabulary']['char_min_df']}, at most "
        f"{m['vocabulary']['char_max_features']:,}): {g['n_word_features']:,} word and {g['n_char_features']:,} "
        "char features.",
        "",
        *_augmentation_lines(m),
        f"Every label is a linear model (C = {m['model']['C']}, balanced class weights), then Platt-calibrated on "
        "its out-of-fold logits. The rule labels weigh the clean posts of "
        + (", ".join(f"{src} {w:g} times" for src, w in m["model"].get("clean_weights", {}).items()) or "no source")
        + " as much as other rows: a false accusation costs more than a miss, and those clean posts are the "
        "hardest to leave alone (the weight was chosen by cross-validation, recall at the worst source's false-"
        "accusation rates). For the rule labels three variants were compared by cross-validation: logistic "
        "regression (`lr`), NB-SVM (`nbsvm`, features scaled by the naive-Bayes log-count ratio) and their "
        "mean (`ensemble`); all ship as one weight vector. Recall at 2.5% false accusations of clean posts "
        "(worst source):",
        "",
        "| label | " + " | ".join(sorted(next(iter(cv.get("variants", {"": {}}).values()), {}))) + " | chosen |",
        "|---|" + "---|" * (len(next(iter(cv.get("variants", {"": {}}).values()), {})) + 1),
    ]
    for lab, by in cv.get("variants", {}).items():
        lines.append(f"| `{lab}` | " + " | ".join(_pct(by[v]) for v in sorted(by)) +
                     f" | `{m['model']['variants'][lab]}` |")
    sv = cv.get("scorer_variants")
    if sv and "held_out" in sv:
        rules = list(sv["chosen"])
        lines += ["", "Scorer variants (what a rule's scorer reads besides its own logit: `words+labels`, `words`, "
                  "the `context` words alone (news, condemnation, reported speech ...: they can only lower) or the "
                  "`model` alone), chosen together by nested cross-validation as they ship: per combination, the "
                  "scorers and their operating points are fitted without each fold and applied to it. Among the "
                  f"combinations that keep false accusations within {_pct(sv['budgets']['any_far'])} (any finding) "
                  f"and {_pct(sv['budgets']['confirm_far'])} (confirmed) of each source's clean posts, and whose "
                  "scores find as much as their classifiers alone at 1%, 2.5% and 5% false accusations (within "
                  f"{100 * sv.get('level', 0):g} points; \"below the classifier\" otherwise), the most "
                  "recall for the rules' goals wins (the lesser of the two recalls divided by its goal); within "
                  f"{sv['tie']:g} of the best, the most confirmed recall (the two divided by their goals, added), "
                  "then the simpler. Recall and false accusations: any / confirmed.", "",
                  "| " + " | ".join(f"`{r}`" for r in rules) + " | false accusations (worst source) | "
                  + " | ".join(f"recall `{r}`" for r in rules) + " | goal | |",
                  "|" + "---|" * (2 * len(rules) + 3)]
        for row in sv["held_out"]:
            lines.append("| " + " | ".join(f"`{row['variants'][r]}`" for r in rules)
                         + f" | {_pct(row['far_any'])} / {_pct(row['far_confirmed'])} | "
                         + " | ".join(f"{_pct(row[f'recall_any_{r}'])} / {_pct(row[f'recall_confirmed_{r}'])}"
                                      for r in rules)
                         + f" | {row['goal']:.3f} | {_verdict(row)} |")
    lines += [
        "",
        "## Rule scorers",
        "",
        "`p = sigmoid(bias + w_model * logit + sum(w_f * feature_f) + sum(w_l * logit_l))`, fitted on out-of-fold "
        "logits with sign constraints (evidence >= 0, context <= 0; the other labels' logits `logit_l`, either "
        "sign), L2 C = "
        f"{m['model']['stacker_C']:g}. The features are what the rule's word lists find (`HateDetector.lexical`).",
        "",
        "| | " + " | ".join(f"`{r}`" for r in m["rules"]) + " |",
        "|---|" + "---|" * len(m["rules"]),
        "| bias | " + " | ".join(f"{s['bias']:+.2f}" for s in m["rules"].values()) + " |",
        "| classifier logit | " + " | ".join(f"{s['model_weight']:+.2f}" for s in m["rules"].values()) + " |",
    ]
    names = sorted({n for s in m["rules"].values() for n in s["weights"]}, key=list(FEATURE_LABELS).index)
    for n in names:
        lines.append(f"| {n} ({FEATURE_LABELS[n]}) | " +
                     " | ".join(f"{s['weights'].get(n, 0.0):+.2f}" for s in m["rules"].values()) + " |")
    for lab in sorted({n for s in m["rules"].values() for n in s.get("label_weights", {})}):
        lines.append(f"| logit of `{lab}` | " +
                     " | ".join(f"{s.get('label_weights', {}).get(lab, 0.0):+.2f}" for s in m["rules"].values()) + " |")
    lines += [
        "| **review from** | " + " | ".join(f"**{s['operating_points']['review']:.3f}**" for s in m["rules"].values()) + " |",
        "| **confirm from** | " + " | ".join(f"**{s['operating_points']['confirm']:.3f}**" for s in m["rules"].values()) + " |",
        "| floor (hate in the strongest words, without distance, to review when a model's probability reaches) | " + " | ".join(
            "never" if s["operating_points"].get("floor") is None else
            f"{s['operating_points']['floor']:.2f} ({', '.join(s.get('floor_labels', []))})"
            for s in m["rules"].values()) + " |",
        "",
        "The operating points are the defaults of the settings `rule1.threshold` / `rule2.threshold` (review) and "
        "`rule1.violation_threshold` / `rule2.violation_threshold` (confirm); an operator can move them "
        "(`rambu rules` shows the values in force). They were chosen on out-of-fold scores as the most recall "
        f"with at most {100 * m['model']['targets']['any_far']:.1f}% of the clean posts of each source getting any "
        f"rule-1/2 finding and at most {100 * m['model']['targets']['confirm_far']:.1f}% a confirmed one.",
        "",
    ]
    engine = cv.get("engine")
    if engine:
        lines += [
            f"## Cross-validated figures of the engine ({cv['folds']}-fold, seed {cv['seed']})",
            "",
            "Each held-out fold was screened by the whole engine (`Screener`, every rule) with models, scorers "
            "and operating points fitted without it (nested), and counted by `rambu evaluate`'s code. "
            "*any* = findings for review included; *confirmed* = violations. Rule 1 is unknown on hateful "
            "Ibrohim tweets (not counted either way).",
            "",
        ]
        lines += _engine_table(engine)
        lines += ["", "Clean posts (no hate, no abuse, no other label) with a finding of any rule:", ""]
        lines += _clean_lines(engine)
        compare = cv.get("against_classifier", {})
        if compare:
            lines += ["", "The rule's score against its classifier alone, recall at the same share of false accusations "
                      "of clean posts (worst source, nested out-of-fold scores):", "",
                      "| rule | " + " | ".join(f"{100 * float(f):g}% engine / classifier" for f in next(iter(compare.values()))) + " |",
                      "|---|" + "---|" * len(next(iter(compare.values())))]
            for r, by in compare.items():
                lines.append(f"| `{r}` | " + " | ".join(f"{_pct(v['engine'])} / {_pct(v['classifier'])}" for v in by.values()) + " |")
        lines += ["", "Operating points of the nested folds (review, confirm): " + "; ".join(
            ", ".join(f"{r} {p[0]:.3f}/{p[1]:.3f}" for r, p in fold.items()) for fold in cv.get("nested_points", [])),
            ""]
    labels = cv.get("labels", {})
    if labels:
        lines += [
            "## Cross-validated figures of each label (calibrated out-of-fold probabilities)",
            "",
            "| label | meaning | variant | positives / rows | P@0.5 | R@0.5 | F1@0.5 | best-F1 threshold | F1@t | AP |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for lab in m["labels"]:
            r = labels.get(lab)
            if r:
                lines.append(f"| `{lab}` | {_LABEL_MEANING.get(lab, '')} | `{r['variant']}` | {r['positives']:,} / "
                             f"{r['rows']:,} | {r['precision@0.5']:.3f} | {r['recall@0.5']:.3f} | {r['f1@0.5']:.3f} | "
                             f"{r['threshold']:.2f} | {r['f1@t']:.3f} | {r['average_precision']:.3f} |")
        lines += ["", "Reference points from the data README: TF-IDF with a linear model reaches about 0.80-0.84 F1 "
                  "on `HS`, about 0.72 on `sara` and 0.80 on `radikalisme`; IndoBERTweet 0.888 on `HS`.", ""]
    lines += [
        "## Limits",
        "",
        "- The posts are from about 2010-2019 (Jakarta governor election, 2019 presidential campaign, Kaskus threads). "
        "Vocabulary, targets and slurs drift; expect lower precision and recall on current posts, on "
        "Instagram/Facebook captions, OCR text and transcripts.",
        "- Bag-of-n-grams: no understanding of negation, quotation, irony or reporting beyond what the word lists' "
        "context features catch (news, condemnation, scripture, reported speech, questions, jokes).",
        "- The annotations are the data sets' own (Netifier's `sara` and `radikalisme` are not the legal "
        "definitions of the ASN rules), and Netifier's clean posts include topic-matched posts that read like "
        "hate: its false-accusation figures are the harder ones.",
        "- Regional languages (Javanese, Sundanese, Minang) and code-mixing are thinly covered.",
        "- Part of each data set is held back by the project owner for product evaluation: these cross-validated "
        "numbers are the honest ones to quote.",
        "",
        "## Files",
        "",
        "| file | bytes |",
        "|---|---|",
    ]
    for p in files:
        lines.append(f"| `{p.name}` | {p.stat().st_size:,} |")
    lines += [
        "| `manifest.json` | version, labels, calibration, rule scorers and operating points, metrics, fingerprints |",
        "",
        "## How to retrain",
        "",
        "```",
        "pip install 'rambu[train]'              # scikit-learn + scipy, training only",
        "rambu train                             # = python -m rambu.training.train",
        "rambu train --feedback postgresql+psycopg://...   # add reviewers' decisions from the web application",
        "```",
        "",
        "Deterministic for a given seed and data fingerprint (identical files). Bump `VERSION` in "
        "`rambu/training/train.py` when the data, features or settings change.",
        "",
    ]
    return "\n".join(lines)
