#!/usr/bin/env python3
"""Fits scikit-learn and XGBoost counterparts of Duet's predictors on a study's own splits (validation only).

    scripts/predictor-reference.py RUN_FOLDER [--models ridge,gp,rf,gbdt,mlp-small] [--sizes 100,1000]
                                   [--targets pixel3,raspi4] [--encoding onehot] [--jobs 2] [--out fidelity.csv]

RUN_FOLDER is a `duet predictors study ... --export-data` run: the script reads its data/ (architectures and
measurements, the encoding's features, every seed's test set and training pool), result.json (seeds, tuning
trials and folds, each model's hyperparameter space and defaults) and cells.csv (Duet's figures). For every
(model, target, size, seed) it does what the study did: targets standardised on the training set, features
standardised for every model but the trees, hyperparameters by random search (trial 0 the defaults, then
draws from the same space; each trial scored by Kendall's tau of the pooled out-of-fold predictions of a
k-fold cross-validation inside the training set), a refit with the winner, Kendall's tau on the test set.
It prints Duet's mean tau beside the reference's per (model, target, size) and the difference.

Counterparts: knn -> KNeighborsRegressor; ridge -> sklearn Ridge; gp -> GaussianProcessRegressor (constant x RBF / Matern 3/2 / Matern 5/2
+ white noise, marginal likelihood, 2 restarts); rf -> RandomForestRegressor; gbdt -> XGBRegressor (hist);
mlp-small, mlp-large -> MLPRegressor (Adam, early stopping). The random draws differ from Duet's (another
generator), the budget is the same. Needs numpy, scipy, scikit-learn and xgboost (pip install them); Duet
itself never uses Python.
"""
import argparse
import csv
import json
import math
import os
import sys
import warnings
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from scipy.stats import kendalltau


def read_csv(path):
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def load_run(folder, encoding, targets):
    """The features, the targets' measurements and the splits of a study exported with --export-data."""
    data = os.path.join(folder, "data")
    if not os.path.isdir(data):
        sys.exit(f"error: {data} not found: run the study with --export-data")
    with open(os.path.join(folder, "result.json")) as handle:
        result = json.load(handle)
    feature_path = os.path.join(data, f"features-{encoding}.csv")
    if not os.path.exists(feature_path):
        sys.exit(f"error: {feature_path} not found; encodings of this run: "
                 + ", ".join(e["name"] for e in result["encodings"]))
    features = np.loadtxt(feature_path, delimiter=",", skiprows=1)[:, 1:]
    rows = read_csv(os.path.join(data, "architectures.csv"))
    measured = {}
    for target in targets:
        column = next((c for c in rows[0] if c.startswith(target + "_")), None)
        if column is None:
            sys.exit(f"error: no target {target} in {data}/architectures.csv")
        measured[target] = np.array([float(r[column]) for r in rows])
    splits = defaultdict(lambda: {"test": [], "train": []})
    for r in read_csv(os.path.join(data, "splits.csv")):
        splits[int(r["seed"])][r["role"]].append((int(r["position"]), int(r["row"])))
    ordered = {seed: {role: [row for _, row in sorted(v)] for role, v in roles.items()} for seed, roles in splits.items()}
    return result, features, measured, ordered


def standardise(train, *others):
    """Per-column mean 0 and standard deviation 1 on the training rows (population form; a constant column keeps scale 1)."""
    mean = train.mean(axis=0)
    scale = train.std(axis=0)
    scale = np.where(scale > 1e-12 * np.maximum(1, np.abs(mean)), scale, 1)
    return [(a - mean) / scale for a in (train,) + others]


def draw(space, rng):
    """One draw of every dimension, as Duet's HyperparameterSpace does (log: uniform in the logarithm)."""
    values = {}
    for d in space:
        if d["kind"] == "choice":
            values[d["name"]] = d["choices"][rng.integers(len(d["choices"]))]
        elif d["kind"] == "integer":
            lo, hi = int(d["lower"]), int(d["upper"])
            if d.get("logarithmic"):
                v = int(math.exp(rng.uniform(math.log(lo), math.log(hi + 1))))
                values[d["name"]] = min(hi, max(lo, v))
            else:
                values[d["name"]] = int(rng.integers(lo, hi + 1))
        else:
            lo, hi = d["lower"], d["upper"]
            values[d["name"]] = math.exp(rng.uniform(math.log(lo), math.log(hi))) if d.get("logarithmic") else rng.uniform(lo, hi)
    return values


TREES = {"rf", "gbdt"}


def make(model, h, d, seed):
    """The reference estimator for Duet's `model` with hyperparameters `h` on `d` features."""
    if model == "knn":
        from sklearn.neighbors import KNeighborsRegressor
        return KNeighborsRegressor(n_neighbors=int(h.get("k", 5)), p=int(h.get("p", 2)),
                                   weights="distance" if h.get("distance_weighted", 1) else "uniform")
    if model == "ridge":
        from sklearn.linear_model import Ridge
        return Ridge(alpha=h.get("alpha", 1.0))
    if model == "gp":
        from sklearn.gaussian_process import GaussianProcessRegressor
        from sklearn.gaussian_process.kernels import RBF, ConstantKernel, Matern, WhiteKernel
        scale = np.full(d, math.sqrt(d)) if h.get("ard", 0) else math.sqrt(d)
        kind = int(h.get("kernel", 2))
        base = RBF(scale, (1e-3, 1e5)) if kind == 0 else Matern(scale, (1e-3, 1e5), nu=1.5 if kind == 1 else 2.5)
        kernel = ConstantKernel(1.0, (1e-5, 1e5)) * base + WhiteKernel(0.1, (1e-8, 1e2))
        return GaussianProcessRegressor(kernel=kernel, n_restarts_optimizer=int(h.get("restarts", 2)), random_state=seed)
    if model == "rf":
        from sklearn.ensemble import RandomForestRegressor
        depth = int(h.get("max_depth", 0))
        return RandomForestRegressor(
            n_estimators=int(h.get("trees", 100)), max_features=float(h.get("max_features", 0.33)),
            min_samples_leaf=int(h.get("min_samples_leaf", 1)), min_samples_split=int(h.get("min_samples_split", 2)),
            max_depth=None if depth == 0 else depth, bootstrap=bool(h.get("bootstrap", 1)), random_state=seed, n_jobs=1)
    if model == "gbdt":
        from xgboost import XGBRegressor
        rounds = int(h.get("early_stopping_rounds", 0))
        return XGBRegressor(
            n_estimators=int(h.get("rounds", 100)), learning_rate=h.get("learning_rate", 0.3),
            max_depth=int(h.get("max_depth", 6)), min_child_weight=h.get("min_child_weight", 1),
            reg_lambda=h.get("lambda", 1), gamma=h.get("gamma", 0), subsample=h.get("subsample", 1),
            colsample_bytree=h.get("colsample_bytree", 1), tree_method="hist", max_bin=int(h.get("max_bins", 256)),
            early_stopping_rounds=rounds if rounds > 0 else None, random_state=seed, n_jobs=1)
    if model in ("mlp-small", "mlp-large"):
        from sklearn.neural_network import MLPRegressor
        return MLPRegressor(
            hidden_layer_sizes=(int(h.get("width", 32)),) * int(h.get("layers", 3)), activation="relu", solver="adam",
            alpha=h.get("weight_decay", 1e-4), batch_size=int(h.get("batch_size", 32)),
            learning_rate_init=h.get("learning_rate", 1e-3), max_iter=int(h.get("epochs", 200)),
            early_stopping=True, validation_fraction=h.get("validation_fraction", 0.1),
            n_iter_no_change=int(h.get("patience", 20)), tol=0.0, random_state=seed)
    raise SystemExit(f"error: no reference counterpart for {model}")


def fit_predict(model, h, x_train, y_train, x_test, seed):
    """Fits on standardised data (features too, but for trees) and predicts in standardised target units."""
    y_mean, y_scale = y_train.mean(), y_train.std() or 1.0
    y = (y_train - y_mean) / y_scale
    if model not in TREES:
        x_train, x_test = standardise(x_train, x_test)
    estimator = make(model, h, x_train.shape[1], seed)
    if model == "knn":
        estimator.n_neighbors = min(estimator.n_neighbors, len(y))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if model == "gbdt" and int(h.get("early_stopping_rounds", 0)) > 0:
            rng = np.random.default_rng(seed)
            order = rng.permutation(len(y))
            held = max(1, int(round(len(y) * h.get("validation_fraction", 0.1))))
            fit_rows, val_rows = order[held:], order[:held]
            estimator.fit(x_train[fit_rows], y[fit_rows], eval_set=[(x_train[val_rows], y[val_rows])], verbose=False)
        else:
            estimator.fit(x_train, y)
        return estimator.predict(x_test)


def tune(model, info, budget, x, y, seed):
    """Random search with k-fold cross-validation inside the training set; trial 0 is the defaults."""
    from sklearn.model_selection import KFold
    defaults = dict(info["defaults"])
    trials, folds = budget
    folds = min(folds, len(y) // 2)
    if trials <= 1 or folds < 2:
        return defaults
    rng = np.random.default_rng(seed)
    best, best_score = defaults, -math.inf
    splitter = KFold(n_splits=folds, shuffle=True, random_state=seed)
    for trial in range(trials):
        h = defaults if trial == 0 else {**defaults, **draw(info["space"], rng)}
        predictions = np.empty(len(y))
        try:
            for train, held in splitter.split(x):
                predictions[held] = fit_predict(model, h, x[train], y[train], x[held], seed + trial)
            score = kendalltau(predictions, y).statistic
        except Exception:  # an invalid combination never wins, as in Duet
            continue
        if np.isfinite(score) and score > best_score:
            best, best_score = h, score
    return best


def cell(job):
    model, info, budget, target, size, seed, features, values, split = job
    train = split["train"][:size]
    test = split["test"]
    x, y = features[train], values[train]
    h = tune(model, info, budget, x, y, seed)
    predicted = fit_predict(model, h, x, y, features[test], seed)
    return model, target, size, seed, kendalltau(predicted, values[test]).statistic


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run")
    parser.add_argument("--models", default="ridge,gp,rf,gbdt,mlp-small")
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--targets", default="pixel3,raspi4")
    parser.add_argument("--encoding", default="onehot")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--out", help="also write the table as CSV")
    args = parser.parse_args()
    models = args.models.split(",")
    sizes = [int(s) for s in args.sizes.split(",")]
    targets = args.targets.split(",")
    result, features, measured, splits = load_run(args.run, args.encoding, targets)
    infos = {m["name"]: m for m in result["models"]}
    for model in models:
        if model not in infos:
            sys.exit(f"error: the study has no model {model} (it has {', '.join(infos)})")
    budget = (result["tuning_trials"], result["tuning_folds"])
    jobs = [(m, infos[m], budget, t, n, s, features, measured[t], splits[s])
            for m in models for t in targets for n in sizes for s in result["seeds"]]
    reference = defaultdict(list)
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for done, (model, target, size, seed, tau) in enumerate(pool.map(cell, jobs), 1):
            reference[(model, target, size)].append(tau)
            print(f"\r{done}/{len(jobs)} fits", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    duet = defaultdict(list)
    for r in read_csv(os.path.join(args.run, "cells.csv")):
        if r["encoding"] == args.encoding and not r["error"]:
            duet[(r["model"], r["target"], int(r["train_size"]))].append(float(r["kendall_tau"]))
    lines = [("model", "target", "train_size", "seeds", "duet_tau", "reference_tau", "difference")]
    for model in models:
        for target in targets:
            for size in sizes:
                ours, theirs = duet[(model, target, size)], reference[(model, target, size)]
                d, r = (np.mean(ours) if ours else math.nan), np.mean(theirs)
                lines.append((model, target, str(size), str(len(theirs)), f"{d:.3f}", f"{r:.3f}", f"{d - r:+.3f}"))
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    for line in lines:
        print("  ".join(v.rjust(w) if i >= 2 else v.ljust(w) for i, (v, w) in enumerate(zip(line, widths))))
    if args.out:
        with open(args.out, "w", newline="") as handle:
            csv.writer(handle).writerows(lines)


if __name__ == "__main__":
    main()
