#!/usr/bin/python3
"""Reference values for feature-stats' drift statistics, computed with SciPy.

Run from the feature-stats module directory with Debian's interpreter (it sees python3-scipy):

    /usr/bin/python3 src/test/python/scipy_reference.py > src/test/resources/scipy-reference.json

It reads the example data under ../examples/models and writes one JSON document that
ScipyReferenceTest compares with Modelport's Java results. The conventions below are the ones
Modelport implements (see dev.modelport.featurestats.drift); this script applies the same ones so
that both sides compute the same quantity:

* missing values (empty field, NaN) are dropped before any statistic;
* KS: scipy.stats.ks_2samp, two-sided. Modelport's p-value is SciPy's method='asymp'
  (kstwo.sf(D, round(n*m/(n+m)))); method='auto' (exact for n, m <= 10000) is recorded for
  information only;
* Wasserstein-1: scipy.stats.wasserstein_distance on the raw samples; normalised by
  max(np.std(reference), 0.001) (population std, Evidently's wasserstein_distance_norm);
* bins: numeric features are binned on the reference's deciles (np.quantile, linear
  interpolation, duplicates removed) with open outer bins; a value x falls in the bin
  np.searchsorted(edges, x, side='left'), i.e. bins are (e[i-1], e[i]];
* PSI: sum((r - c) * ln(r / c)) over those bins (categories for categorical features), where empty
  bins get Evidently's smoothing: 0 becomes 1e-4, or min(non-zero fraction) / 1e6 when that
  minimum is <= 1e-4;
* Jensen-Shannon distance: scipy.spatial.distance.jensenshannon(ref_fractions, cur_fractions,
  base=2) on the same bins, no smoothing;
* chi-square: scipy.stats.chi2_contingency([ref_counts, cur_counts], correction=False) over the
  union of categories (homogeneity test, no Yates correction);
* Z-test (two categories): proportion-difference Z-test with pooled variance, two-sided
  p = 2 * norm.sf(|z|), the share being that of every category but the lexicographically first.
"""
import csv
import json
import math
import os
import sys

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

MODELS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "examples", "models")
DECILES = [i / 10 for i in range(1, 10)]
SMALL_SAMPLE_LIMIT = 1000


def read_csv(model, name):
    with open(os.path.join(MODELS, model, name), newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    return {col: [r[i] for r in body] for i, col in enumerate(header)}


def numeric_values(raw):
    out = []
    for s in raw:
        s = s.strip()
        if s == "" or s.lower() == "nan":
            continue
        v = float(s)
        if not math.isnan(v):
            out.append(v)
    return out


def category_key(s):
    if s is None:
        return None
    s = s.strip()
    if s == "":
        return None
    try:
        v = float(s)
        if math.isnan(v):
            return None
        if v == int(v):
            return str(int(v))
    except ValueError:
        pass
    return s


def smoothed(fractions):
    f = np.array(fractions, dtype=float)
    nonzero = f[f != 0]
    if len(nonzero) == 0:
        return f
    fill = nonzero.min() / 1e6 if nonzero.min() <= 1e-4 else 1e-4
    f[f == 0] = fill
    return f


def psi(ref_fractions, cur_fractions):
    r = smoothed(ref_fractions)
    c = smoothed(cur_fractions)
    return float(np.sum((r - c) * np.log(r / c)))


def chi_square(ref_counts, cur_counts):
    table = np.array([ref_counts, cur_counts], dtype=float)
    table = table[:, table.sum(axis=0) > 0]
    if table.shape[1] < 2:
        return {"statistic": 0.0, "pValue": 1.0, "dof": 0}
    chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
    return {"statistic": float(chi2), "pValue": float(p), "dof": int(dof)}


def z_test(categories, ref_counts, cur_counts):
    present = [i for i, c in enumerate(categories) if ref_counts[i] + cur_counts[i] > 0]
    if len(present) > 2:
        return None
    if len(present) < 2:
        return {"statistic": 0.0, "pValue": 1.0}
    first = present[0]
    n1, n2 = sum(ref_counts), sum(cur_counts)
    p1 = (n1 - ref_counts[first]) / n1
    p2 = (n2 - cur_counts[first]) / n2
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return {"statistic": float(z), "pValue": float(2 * stats.norm.sf(abs(z)))}


def categorical_stats(ref_keys, cur_keys):
    categories = sorted(set(ref_keys) | set(cur_keys))
    ref_counts = [ref_keys.count(c) for c in categories]
    cur_counts = [cur_keys.count(c) for c in categories]
    out = {"categories": [str(c) for c in categories], "referenceCounts": ref_counts, "currentCounts": cur_counts,
           "referenceCount": len(ref_keys), "currentCount": len(cur_keys), "nUnique": len(categories)}
    if not ref_keys or not cur_keys:
        out["error"] = "empty sample"
        return out
    rf = [c / len(ref_keys) for c in ref_counts]
    cf = [c / len(cur_keys) for c in cur_counts]
    out["chiSquare"] = chi_square(ref_counts, cur_counts)
    z = z_test(categories, ref_counts, cur_counts)
    if z is not None:
        out["zTest"] = z
    out["jensenShannon"] = float(distance.jensenshannon(rf, cf, base=2))
    out["psi"] = psi(rf, cf)
    out["defaultMethod"], out["defaultDrifted"] = default_decision_categorical(len(ref_keys), out)
    return out


def default_decision_categorical(n_ref, s):
    if n_ref <= SMALL_SAMPLE_LIMIT:
        if s["nUnique"] > 2:
            return "CHI_SQUARE", s["chiSquare"]["pValue"] < 0.05
        return "Z_TEST", s["zTest"]["pValue"] < 0.05
    return "JENSEN_SHANNON", s["jensenShannon"] >= 0.1


def bin_fractions(edges, values):
    idx = np.searchsorted(edges, np.array(values), side="left")
    counts = np.bincount(idx, minlength=len(edges) + 1)
    return (counts / len(values)).tolist()


def numeric_stats(ref, cur):
    out = {"referenceCount": len(ref), "currentCount": len(cur)}
    if not ref or not cur:
        out["error"] = "empty sample"
        return out
    ks_asymp = stats.ks_2samp(ref, cur, method="asymp")
    ks_auto = stats.ks_2samp(ref, cur, method="auto")
    out["ks"] = {"statistic": float(ks_asymp.statistic), "pValueAsymp": float(ks_asymp.pvalue),
                 "pValueAuto": float(ks_auto.pvalue)}
    w = float(stats.wasserstein_distance(ref, cur))
    std = float(np.std(ref))
    out["wasserstein"] = w
    out["referenceStd"] = std
    out["wassersteinNormed"] = w / max(std, 0.001)
    edges = np.unique(np.quantile(np.array(ref), DECILES))
    rf = bin_fractions(edges, ref)
    cf = bin_fractions(edges, cur)
    out["binEdges"] = edges.tolist()
    out["referenceFractions"] = rf
    out["currentFractions"] = cf
    out["psi"] = psi(rf, cf)
    out["jensenShannon"] = float(distance.jensenshannon(rf, cf, base=2))
    distinct = sorted(set(ref) | set(cur))
    out["nUnique"] = len(distinct)
    if len(distinct) <= 5:
        # compared as categories, ordered by value; see default_decision_numeric
        low = categorical_stats(list(ref), list(cur))
        out["lowCardinality"] = {k: low[k] for k in ("chiSquare", "zTest", "jensenShannon", "psi") if k in low}
    out["defaultMethod"], out["defaultDrifted"] = default_decision_numeric(len(ref), out)
    return out


def default_decision_numeric(n_ref, s):
    low = s.get("lowCardinality")
    if n_ref <= SMALL_SAMPLE_LIMIT:
        if low is None:
            return "KS", s["ks"]["pValueAsymp"] < 0.05
        if s["nUnique"] > 2:
            return "CHI_SQUARE", low["chiSquare"]["pValue"] < 0.05
        return "Z_TEST", low["zTest"]["pValue"] < 0.05
    if low is None:
        return "WASSERSTEIN_NORMED", s["wassersteinNormed"] >= 0.1
    return "JENSEN_SHANNON", low["jensenShannon"] >= 0.1


def example_case(model, current_file, schema):
    ref = read_csv(model, "train.csv")
    cur = read_csv(model, current_file)
    features = {}
    for name, kind in schema:
        if kind == "numeric":
            features[name] = dict(type="numeric", **numeric_stats(numeric_values(ref[name]), numeric_values(cur[name])))
        else:
            rk = [k for k in map(category_key, ref[name]) if k is not None]
            ck = [k for k in map(category_key, cur[name]) if k is not None]
            features[name] = dict(type="categorical", **categorical_stats(rk, ck))
    drifted = [n for n, f in features.items() if f.get("defaultDrifted")]
    return {"name": f"{model}/{current_file}", "model": model, "reference": "train.csv", "current": current_file,
            "schema": [{"name": n, "type": t} for n, t in schema], "features": features,
            "defaultDriftedFeatures": drifted, "driftShare": len(drifted) / len(schema)}


def schema_of(model):
    with open(os.path.join(MODELS, model, "model.json")) as f:
        spec = json.load(f)
    inputs = spec["inputs"] if "inputs" in spec else [spec["input"]]
    return [(n, "categorical" if i.get("categorical") else "numeric") for i in inputs for n in i["features"]]


def r6(values):
    return [None if v is None else round(float(v), 6) for v in values]


def synthetic_cases():
    rng = np.random.default_rng(20240607)
    base = r6(rng.normal(0, 1, 200))
    cases = [
        ("identical", "numeric", base, list(base)),
        ("disjoint", "numeric", r6(rng.normal(0, 1, 300)), r6(rng.normal(10, 1, 250))),
        ("ties", "numeric", r6(rng.integers(0, 10, 400)), r6(rng.choice(10, 350, p=[.2, .2, .1, .1, .1, .1, .05, .05, .05, .05]))),
        ("single-distinct-value", "numeric", [3.5] * 100, [3.5] * 80),
        ("two-distinct-values", "numeric", r6(rng.choice([0.0, 1.0], 300, p=[.7, .3])), r6(rng.choice([0.0, 1.0], 200, p=[.5, .5]))),
        ("few-distinct-values", "numeric", r6(rng.integers(1, 5, 300)), r6(rng.integers(1, 5, 250))),
        ("small-shift", "numeric", r6(rng.normal(0, 1, 500)), r6(rng.normal(0.25, 1, 400))),
        ("large-shift", "numeric", r6(rng.normal(50, 10, 2000)), r6(rng.normal(53, 10, 1500))),
        ("large-no-shift", "numeric", r6(rng.lognormal(0, 1, 3000)), r6(rng.lognormal(0, 1, 2000))),
        ("with-missing", "numeric", r6(rng.normal(0, 1, 300)) + [None] * 30, [None] * 5 + r6(rng.normal(0, 1.5, 200))),
        ("empty-current", "numeric", r6(rng.normal(0, 1, 100)), []),
        ("all-missing", "numeric", [None] * 50, [None] * 40),
        ("binary-categories", "categorical", list(rng.choice(["no", "yes"], 500, p=[.6, .4])), list(rng.choice(["no", "yes"], 400, p=[.45, .55]))),
        ("new-category-in-current", "categorical", list(rng.choice(["a", "b", "c", "d", "e"], 800)), list(rng.choice(["a", "b", "c", "d", "e", "f"], 600, p=[.18, .18, .18, .18, .18, .1]))),
        ("large-categorical", "categorical", list(rng.choice(["0", "1", "2", "3", "4"], 3000, p=[.3, .25, .2, .2, .05])), list(rng.choice(["0", "1", "2", "3", "4"], 1000, p=[.15, .15, .15, .15, .4]))),
        ("single-category", "categorical", ["x"] * 60, ["x"] * 70),
    ]
    out = []
    for name, kind, ref, cur in cases:
        ref = [v if v is None or isinstance(v, float) else str(v) for v in ref]
        cur = [v if v is None or isinstance(v, float) else str(v) for v in cur]
        if kind == "numeric":
            s = numeric_stats([v for v in ref if v is not None], [v for v in cur if v is not None])
        else:
            s = categorical_stats([v for v in ref if v is not None], [v for v in cur if v is not None])
        out.append(dict(name=name, type=kind, reference=ref, current=cur, **s))
    return out


def main():
    doc = {
        "generator": {"script": "src/test/python/scipy_reference.py", "python": sys.version.split()[0],
                      "numpy": np.__version__, "scipy": scipy.__version__},
        "examples": [
            example_case("breast-cancer-mlp", "test.csv", schema_of("breast-cancer-mlp")),
            example_case("breast-cancer-mlp", "drifted.csv", schema_of("breast-cancer-mlp")),
            example_case("credit-risk-mixed", "test.csv", schema_of("credit-risk-mixed")),
            example_case("credit-risk-mixed", "drifted.csv", schema_of("credit-risk-mixed")),
        ],
        "synthetic": synthetic_cases(),
    }
    json.dump(doc, sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
