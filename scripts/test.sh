#!/usr/bin/env bash
# The one test command (README, CI). Builds everything and runs every test; tests that read the
# reference data in ../shared skip with a note when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
# onnx and onnxruntime (PyPI) for the checks that run exported ONNX models: installed when missing and
# pip can reach PyPI; the checks skip with a note otherwise.
if command -v python3 >/dev/null 2>&1; then
  if ! python3 -c "import onnx, onnxruntime, numpy" >/dev/null 2>&1; then
    echo "installing onnx and onnxruntime for the ONNX runtime checks (pip)"
    python3 -m pip install --quiet --disable-pip-version-check --retries 1 --timeout 20 onnx onnxruntime numpy 2>&1 | tail -n 3 || true
    python3 -c "import onnx, onnxruntime, numpy" >/dev/null 2>&1 \
      || echo "note: pip could not install onnx and onnxruntime: the ONNX runtime checks will be skipped"
  fi
else
  echo "note: no python3: the ONNX runtime checks will be skipped"
fi
exec swift test "$@"
