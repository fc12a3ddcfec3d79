"""How rules 1 and 2 turn a classifier logit and lexical evidence into one calibrated probability.

The score is a small logistic model over named features (scikit-learn's
stacking, written out so inference needs no scikit-learn):

    p = sigmoid(bias + model_weight * logit + sum(weight[name] * feature[name]))

``logit`` is the raw output of the rule's text classifier; the features are
what the word lists found (a hateful phrase, an insult next to a target, the
context of news, condemnation, scripture ...). `rambu train` fits the weights
on out-of-fold classifier outputs with sign constraints (evidence can only
raise the score, context can only lower it) and chooses the two operating
points (review, confirm) by cross-validation; both travel in the model's
manifest. Every score comes with the steps that made it, for the explanation.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from math import exp, log
from types import MappingProxyType
from typing import Mapping

from .. import display

# Feature names, their sign constraint in training, and how an explanation names them.
EVIDENCE = {
    "hateful": "frasa kebencian",
    "pair_strong": "kata makian kuat yang ditujukan pada sasaran",
    "pair": "kata bermusuhan yang ditujukan pada sasaran",
    "pair_weak": "kata tidak suka yang ditujukan pada sasaran",
    "violence": "ajakan kekerasan terhadap sasaran",
    "generalising": "generalisasi terhadap seluruh kelompok",
}
NEUTRAL = {
    "target": "sasaran disebut",
    "insult": "kata makian tanpa sasaran yang jelas",
}
CONTEXT = {
    "news": "konteks pemberitaan atau pelaporan",
    "condemn": "konteks mengecam atau menolak kebencian",
    "education": "konteks pelajaran, sejarah atau kajian",
    "scripture": "kutipan kitab suci, hadis atau ceramah",
    "tolerance": "konteks ucapan, toleransi atau patriotik",
    "criticism": "bahasa kritik kebijakan",
    "quoted": "kata kebencian berada dalam kutipan",
    "question": "kalimat bertanya",
    "reported": "menyampaikan ucapan orang lain",
    "joke": "candaan (tawa)",
    "name": "sasaran ternyata nama orang",
}
FEATURES: tuple[str, ...] = (*EVIDENCE, *NEUTRAL, *CONTEXT)
# Context that puts the words at a distance from the author: they no longer stand as the author's own hate.
DISTANCING = ("news", "condemn", "education", "scripture", "quoted", "reported", "question", "name")
LABELS = {**EVIDENCE, **NEUTRAL, **CONTEXT}

# Without a trained model (classifier switched off) the word lists alone score for review only.
LEXICAL_PRIOR = {
    "bias": -3.0,
    "weights": {"hateful": 3.6, "pair_strong": 3.2, "pair": 2.6, "pair_weak": 1.4, "violence": 0.6,
                "generalising": 0.6, "target": 0.0, "insult": 0.0, "news": -1.2, "condemn": -1.2,
                "education": -1.0, "scripture": -1.0, "tolerance": -0.9, "criticism": -0.6, "quoted": -0.6,
                "question": -0.4, "reported": -0.8, "joke": -0.3, "name": -2.0},
}


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + exp(-z))
    e = exp(z)
    return e / (1.0 + e)


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return log(p / (1 - p))


@dataclass(frozen=True)
class RuleScorer:
    """The fitted stacker of one rule plus its operating points (probabilities)."""

    rule: str  # "rule1", "rule2"
    bias: float
    model_weight: float  # weight of the classifier's logit (0 when there is no model)
    weights: Mapping[str, float] = field(default_factory=dict)
    # weights of the other labels' logits (the data sets' own labels: HS, Abusive, sara ...): what one
    # annotation scheme saw helps read another
    label_weights: Mapping[str, float] = field(default_factory=dict)
    calibration: tuple[float, float] = (1.0, 0.0)  # Platt (a, b): the classifier's own probability
    review: float = 0.5  # at or above: a finding for review
    confirm: float = 0.9  # at or above (with explicit evidence and the model agreeing): a violation
    # Hate in the strongest words, said without distance, goes to review when a classifier leans to it -- the
    # highest calibrated probability among `floor_labels` reaches this bar -- even if the combined score
    # does not (None: never); chosen by cross-validation. Rule 1 reads hate against the government this way.
    floor: float | None = None
    floor_labels: tuple[str, ...] = ()
    source: str = "model"  # "model" or "lexical" (no classifier: review only)

    @classmethod
    def from_manifest(cls, rule: str, d: Mapping) -> "RuleScorer":
        unknown = set(d.get("weights", {})) - set(FEATURES)
        if unknown:
            raise ValueError(f"{rule}: unknown score features {sorted(unknown)}")
        ops = d.get("operating_points", {})
        floor = ops.get("floor")
        return cls(rule=rule, bias=float(d["bias"]), model_weight=float(d["model_weight"]),
                   weights=MappingProxyType({k: float(v) for k, v in d["weights"].items()}),
                   label_weights=MappingProxyType({k: float(v) for k, v in d.get("label_weights", {}).items()}),
                   calibration=tuple(d.get("calibration", (1.0, 0.0))),  # type: ignore[arg-type]
                   review=float(ops.get("review", 0.5)), confirm=float(ops.get("confirm", 0.9)),
                   floor=None if floor is None else float(floor),
                   floor_labels=tuple(d.get("floor_labels", (rule,))))

    @classmethod
    def lexical(cls, rule: str) -> "RuleScorer":
        return cls(rule=rule, bias=LEXICAL_PRIOR["bias"], model_weight=0.0,
                   weights=MappingProxyType(dict(LEXICAL_PRIOR["weights"])), review=0.35, confirm=1.01,
                   source="lexical")

    def model_probability(self, z: float | None) -> float | None:
        """The classifier's own calibrated probability (Platt scaling fitted out of fold)."""
        if z is None:
            return None
        a, b = self.calibration
        return sigmoid(a * z + b)

    def could_reach(self, threshold: float, z: float, logits: Mapping[str, float]) -> bool:
        """Whether any word-list evidence could lift this text to `threshold`: an exact bound that lets the
        detectors skip reading the lists on the great majority of texts."""
        total = self.bias + self.model_weight * z + sum(w * logits.get(lab, 0.0) for lab, w in self.label_weights.items())
        return sigmoid(total + self._gain) >= threshold

    @cached_property
    def _gain(self) -> float:
        """The most the word lists can add to the logit (features are 0/1); worked out once per scorer."""
        return sum(w for w in self.weights.values() if w > 0)

    def floors(self, features: Mapping[str, float], strong: bool, lean: float | None) -> bool:
        """Hate in the strongest words (a hateful phrase, a strong insult at a target, a call to violence), no
        distancing context, and a classifier leaning to it (`lean`, the highest probability among
        `floor_labels`): at least a review."""
        return (self.floor is not None and strong and lean is not None and lean >= self.floor
                and not any(features.get(name) for name in DISTANCING))

    def score(self, features: Mapping[str, float], z: float | None,
              logits: Mapping[str, float] | None = None) -> tuple[float, tuple[str, ...]]:
        """Probability and the steps that made it (Indonesian, for `score_detail`). `z` is the rule's own
        logit, `logits` every label's (for `label_weights`)."""
        total = self.bias
        steps = []
        if z is not None and self.model_weight:
            pm = self.model_probability(z)
            total += self.model_weight * z
            steps.append(f"model klasifikasi {self.rule}: peluang {display.score(pm)}")
            if logits and self.label_weights:
                part = sum(w * logits[lab] for lab, w in self.label_weights.items() if lab in logits)
                total += part
                steps.append(f"model label lain ({', '.join(self.label_weights)}): {'+' if part >= 0 else '−'}"
                             f"{display.score(abs(part))} (skala logit)")
        else:
            steps.append("tanpa model klasifikasi: hanya daftar kata (paling tinggi perlu tinjauan)")
        for name in FEATURES:
            x = features.get(name, 0.0)
            w = self.weights.get(name, 0.0)
            if x and w:
                total += w * x
                steps.append(f"{LABELS[name]}: {'+' if w > 0 else '−'}{display.score(abs(w * x))} (skala logit)")
        p = sigmoid(total)
        steps.append(f"peluang akhir {display.score(p)} (tinjauan mulai {display.score(self.review)}, "
                     f"pelanggaran mulai {display.score(self.confirm)})")
        return p, tuple(steps)

    def to_manifest(self) -> dict:
        return {"bias": round(self.bias, 6), "model_weight": round(self.model_weight, 6),
                "weights": {k: round(v, 6) for k, v in self.weights.items()},
                "label_weights": {k: round(v, 6) for k, v in self.label_weights.items()},
                "calibration": [round(x, 6) for x in self.calibration],
                "floor_labels": list(self.floor_labels),
                "operating_points": {"review": round(self.review, 4), "confirm": round(self.confirm, 4),
                                     "floor": self.floor}}
