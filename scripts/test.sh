#!/usr/bin/env bash
# The one test command (README, CI). Builds everything and runs every test; tests that read the
# reference data in ../shared skip with a note when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
exec swift test "$@"
