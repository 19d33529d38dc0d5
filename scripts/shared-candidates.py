#!/usr/bin/env python3
"""Writes `arch,accuracy` candidate lists for `duet cosearch --candidates` from the reference data in
../shared (test and validation tooling: the tables are not shipped, AlphaNet's is non-commercial).

  scripts/shared-candidates.py darts   OUT.csv   # the semi-decoupled paper's 1,018 DARTS genotypes
  scripts/shared-candidates.py alphanet OUT.csv  # its 1,046 AlphaNet configs (select_position >= 0)

DARTS: rows of darts_nb301_predicted.csv.gz with maestro_position >= 0, accuracy = NAS-Bench-301's
predicted CIFAR-10 accuracy; arch = "normal/reduce" genotype strings. AlphaNet: rows of
alphanet_predicted.csv with select_position >= 0, accuracy = the AlphaNet predictor's ImageNet top-1;
arch = the alphanet-semidecoupled space's string: resolution, then depth,kernel,expand of MB2..MB6.
"""
import csv, gzip, os, sys

shared = os.environ.get("DUET_SHARED_DIR") or os.path.join(os.path.dirname(__file__), "..", "..", "shared")
kind, out = sys.argv[1], sys.argv[2]
rows = []
if kind == "darts":
    with gzip.open(os.path.join(shared, "reference/accuracy/darts_nb301_predicted.csv.gz"), "rt") as f:
        for r in csv.DictReader(f):
            if int(r["maestro_position"]) >= 0:
                rows.append((r["normal"] + "/" + r["reduce"], r["nb301_pred_acc"]))
elif kind == "alphanet":
    with open(os.path.join(shared, "reference/accuracy/alphanet_predicted.csv")) as f:
        for r in csv.DictReader(f):
            if int(r["select_position"]) >= 0:
                d, k, e = (r[c].split(";") for c in ("depth", "kernel_size", "expand_ratio"))
                arch = r["resolution"] + "/" + "/".join(f"{d[i]},{k[i]},{e[i]}" for i in range(1, 6))
                rows.append((arch, r["pred_top1_acc"]))
else:
    sys.exit("usage: shared-candidates.py darts|alphanet OUT.csv")
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["arch", "accuracy"])
    w.writerows(rows)
print(f"{len(rows)} candidates written to {out}")
