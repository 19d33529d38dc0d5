#!/usr/bin/env python3
"""Measures an ONNX model's latency on this machine's CPU with onnxruntime.

Usage:
  scripts/onnx-latency.py model.onnx [more.onnx ...] [--threads 1] [--warmup 3] [--repeats 30]
                          [--trim 0.2] [--seed 0]

Prints one line of JSON per model:
  {"model": "model.onnx", "min_ms": 1.234, "trimmed_mean_ms": 1.301, "median_ms": 1.29, "mean_ms": 1.35,
   "max_ms": 2.1, "runs": 30, "warmup": 3, "threads": 1, "trim": 0.2, "inputs": {"input": [1, 3, 224, 224]},
   "onnxruntime": "1.32.0"}
min_ms is the fastest run (the figure to prefer on a shared machine); trimmed_mean_ms the mean of the
runs left after dropping the fastest and slowest `trim` fraction each. With several models, runs are
interleaved (one run of each model per round) so a burst of load from other processes hits them all
alike. Inputs are seeded random values of each graph input's shape (a symbolic size reads as 1).

Exit status: 0 on success; 1 with a message on stderr when a model cannot be read or run; 2 when
onnxruntime is not installed (pip install onnxruntime) or the arguments are wrong.
This is the measuring command that Duet's device tables plug in as `{onnx}` (docs/interchange.md).
"""
import argparse
import json
import os
import sys
import time


def fail(message, status=1):
    print(f"onnx-latency: {message}", file=sys.stderr)
    sys.exit(status)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+", metavar="model.onnx")
    parser.add_argument("--threads", type=int, default=1, help="intra-op threads (default 1)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs per model first (default 3)")
    parser.add_argument("--repeats", type=int, default=30, help="timed runs per model (default 30)")
    parser.add_argument("--trim", type=float, default=0.2, help="fraction dropped at each end for the trimmed mean (default 0.2)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random inputs")
    args = parser.parse_args()
    if args.threads < 1 or args.warmup < 0 or args.repeats < 1 or not 0 <= args.trim < 0.5:
        fail("--threads and --repeats must be positive, --warmup not negative, --trim in [0, 0.5)", 2)
    try:
        import numpy as np
        import onnxruntime as ort
    except ImportError as error:
        fail(f"{error}; install it with: pip install onnxruntime", 2)

    ort.set_default_logger_severity(3)
    rng = np.random.default_rng(args.seed)
    sessions = []
    for path in args.models:
        if not os.path.isfile(path):
            fail(f"{path}: no such file")
        options = ort.SessionOptions()
        options.intra_op_num_threads = args.threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        try:
            session = ort.InferenceSession(path, sess_options=options, providers=["CPUExecutionProvider"])
        except Exception as error:  # onnxruntime raises several exception types
            fail(f"{path}: onnxruntime cannot load the model: {str(error).strip()}")
        feeds, shapes = {}, {}
        for value in session.get_inputs():
            shape = [d if isinstance(d, int) and d > 0 else 1 for d in value.shape]
            kind = value.type
            if "float16" in kind:
                array = rng.standard_normal(shape).astype(np.float16)
            elif "float" in kind or "double" in kind:
                array = rng.standard_normal(shape).astype(np.float64 if "double" in kind else np.float32)
            elif "int64" in kind:
                array = np.zeros(shape, dtype=np.int64)
            elif "int32" in kind:
                array = np.zeros(shape, dtype=np.int32)
            elif "bool" in kind:
                array = np.zeros(shape, dtype=bool)
            else:
                fail(f"{path}: input {value.name} has type {kind}, which this script does not feed")
            feeds[value.name] = array
            shapes[value.name] = shape
        sessions.append((path, session, feeds, shapes))

    def run(session, feeds, path):
        try:
            start = time.perf_counter_ns()
            session.run(None, feeds)
            return (time.perf_counter_ns() - start) / 1e6
        except Exception as error:
            fail(f"{path}: the run failed: {str(error).strip()}")

    for path, session, feeds, _ in sessions:
        for _ in range(args.warmup):
            run(session, feeds, path)
    times = [[] for _ in sessions]
    for _ in range(args.repeats):
        for i, (path, session, feeds, _) in enumerate(sessions):
            times[i].append(run(session, feeds, path))

    for (path, _, _, shapes), runs in zip(sessions, times):
        ordered = sorted(runs)
        cut = int(len(ordered) * args.trim)
        middle = ordered[cut:len(ordered) - cut] or ordered
        n = len(ordered)
        median = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
        print(json.dumps({
            "model": path,
            "min_ms": round(ordered[0], 4),
            "trimmed_mean_ms": round(sum(middle) / len(middle), 4),
            "median_ms": round(median, 4),
            "mean_ms": round(sum(ordered) / n, 4),
            "max_ms": round(ordered[-1], 4),
            "runs": n,
            "warmup": args.warmup,
            "threads": args.threads,
            "trim": args.trim,
            "inputs": shapes,
            "onnxruntime": ort.__version__,
        }), flush=True)


if __name__ == "__main__":
    main()
