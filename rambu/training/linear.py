"""The linear text models compared by cross-validation, each shipped as one weight vector.

- ``lr``: L2 logistic regression on TF-IDF (liblinear, dual).
- ``nbsvm``: the same on TF-IDF scaled by the naive-Bayes log-count ratio of
  each feature (Wang and Manning 2012); the scaling folds into the weights,
  so inference is unchanged.
- ``ensemble``: the mean of the two logits, again one weight vector.

Rows whose label is unknown (-1) are left out of that label's fit.
"""
from __future__ import annotations

import numpy as np

VARIANTS = ("lr", "nbsvm", "ensemble")
C = 4.0  # regularisation, chosen by cross-validation (1.0 and 10.0 did no better)


def _lr(X, y: np.ndarray, c: float, seed: int, weight: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    # dual liblinear: far faster than the primal when features outnumber rows, same optimum;
    # balanced weights keep rare labels from collapsing to the prior (calibration comes afterwards)
    lr = LogisticRegression(C=c, solver="liblinear", dual=True, max_iter=2000, tol=1e-4, random_state=seed,
                            class_weight="balanced")
    lr.fit(X, y, sample_weight=weight)
    return lr.coef_.ravel().astype(np.float64), float(lr.intercept_[0])


def nb_ratio(X, y: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """Log-count ratio of every feature between the positive and the negative rows (binarised)."""
    Xb = X.copy()
    Xb.data[:] = 1.0
    p = alpha + np.asarray(Xb[y == 1].sum(axis=0)).ravel()
    q = alpha + np.asarray(Xb[y == 0].sum(axis=0)).ravel()
    return np.log((p / p.sum()) / (q / q.sum()))


def fit(X, y: np.ndarray, variant: str = "lr", c: float = C, seed: int = 0,
        weight: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Weights and intercept of one binary label on rows with a known label (`weight`: per row, on top of the
    balanced class weights)."""
    known = y >= 0
    X, y = X[known], y[known]
    weight = None if weight is None else weight[known]
    pos = int(y.sum())
    if pos == 0 or pos == len(y):  # one class only: a constant prior
        p = (pos + 0.5) / (len(y) + 1.0)
        return np.zeros(X.shape[1]), float(np.log(p / (1 - p)))
    if variant == "lr":
        return _lr(X, y, c, seed, weight)
    from scipy import sparse

    r = nb_ratio(X, y)
    w, b = _lr(X @ sparse.diags(r), y, c, seed, weight)
    if variant == "nbsvm":
        return w * r, b
    if variant == "ensemble":
        w0, b0 = _lr(X, y, c, seed, weight)
        return (w * r + w0) / 2, (b + b0) / 2
    raise ValueError(f"unknown model variant {variant!r}")


def logits(X, coef: np.ndarray, intercept: float) -> np.ndarray:
    return np.asarray(X @ coef, dtype=np.float64).ravel() + intercept


def platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Calibration p = sigmoid(a z + b) fitted on out-of-fold logits (rows with a known label)."""
    from sklearn.linear_model import LogisticRegression

    known = y >= 0
    if len(set(y[known].tolist())) < 2:
        return 1.0, 0.0
    m = LogisticRegression(C=1e4, max_iter=1000).fit(z[known, None], y[known])
    return float(m.coef_[0, 0]), float(m.intercept_[0])
