#!/usr/bin/env python3
"""Checks ONNX models with onnx.checker (full check, with shape inference) and runs each once in
onnxruntime on seeded random inputs.

Usage: scripts/check-onnx-models.py model.onnx [more.onnx ...]
Prints one line of JSON per model ({"model", "checker", "onnxruntime", "outputs"}: "ok" or the error);
exit status 1 when any model fails, 2 when onnx or onnxruntime is not installed.
Used by Duet's tests on the models `duet workload export` and `duet space export-onnx` write.
"""
import json
import sys


def main():
    try:
        import numpy as np
        import onnx
        import onnxruntime as ort
    except ImportError as error:
        print(f"check-onnx-models: {error}; install with: pip install onnx onnxruntime", file=sys.stderr)
        return 2
    ort.set_default_logger_severity(3)
    rng = np.random.default_rng(0)
    failed = False
    for path in sys.argv[1:]:
        result = {"model": path, "checker": "ok", "onnxruntime": "ok", "outputs": []}
        try:
            onnx.checker.check_model(path, full_check=True)
        except Exception as error:
            result["checker"] = str(error).strip()
        try:
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1
            session = ort.InferenceSession(path, sess_options=options, providers=["CPUExecutionProvider"])
            feeds = {i.name: rng.standard_normal([d if isinstance(d, int) else 1 for d in i.shape]).astype(np.float32)
                     for i in session.get_inputs()}
            outputs = session.run(None, feeds)
            result["outputs"] = [list(o.shape) for o in outputs]
            if not all(np.isfinite(o).all() for o in outputs):
                result["onnxruntime"] = "non-finite outputs"
        except Exception as error:
            result["onnxruntime"] = str(error).strip()
        failed |= result["checker"] != "ok" or result["onnxruntime"] != "ok"
        print(json.dumps(result), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
