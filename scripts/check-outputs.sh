#!/usr/bin/env bash
# Records what every `duet` command prints and writes on the shipped examples, and compares a later
# build against such a record byte for byte. A refactor that changes no behaviour must leave the
# record unchanged; a change meant to alter an output shows up here, file by file.
#
#   scripts/check-outputs.sh record DIR    # run every case with .build/release/duet into DIR
#   scripts/check-outputs.sh compare DIR   # run again into a scratch folder and diff against DIR
#
# Build first (`swift build -c release`); DUET=path overrides the binary. Each case runs in an empty
# folder of its own, so the files a command writes are captured beside its stdout, stderr and exit
# status. Wall times are the only figures that vary between runs: the `wall time` line of a co-search
# summary and progress lines on stderr are dropped, and a co-search folder's page is redrawn
# (`duet report`) from a timings.json whose seconds are set to 0. Cases that read ../shared are skipped,
# with a note, when it is absent (both sides of a comparison must then lack them).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODE=${1:-}
DEST=${2:-}
if [[ -z "$MODE" || -z "$DEST" || ( "$MODE" != record && "$MODE" != compare ) ]]; then
  echo "usage: scripts/check-outputs.sh record|compare DIR" >&2
  exit 64
fi
DUET=${DUET:-$ROOT/.build/release/duet}
[[ -x "$DUET" ]] || { echo "no $DUET: run swift build -c release first" >&2; exit 1; }
DUET=$(cd "$(dirname "$DUET")" && pwd)/$(basename "$DUET")
# Shipped names resolve against this checkout whichever binary runs.
export DUET_HOME="$ROOT"
SHARED=$(cd "$ROOT/.." && pwd)/shared
HAVE_SHARED=0; [[ -d "$SHARED/reference" ]] && HAVE_SHARED=1

if [[ "$MODE" == compare ]]; then
  [[ -d "$DEST" ]] || { echo "no record $DEST" >&2; exit 1; }
  RECORD=$(cd "$DEST" && pwd)
  OUT=$(mktemp -d "${TMPDIR:-/tmp}/duet-outputs.XXXXXX")
else
  mkdir -p "$DEST"
  OUT=$(cd "$DEST" && pwd)
  rm -rf "${OUT:?}"/*
fi

# Zero every number in a timings.json (keys kept), so a redrawn page has no machine-dependent figure.
zero_timings() {
  python3 - "$1" <<'EOF'
import json, sys
path = sys.argv[1]
data = json.load(open(path))
def zero(v):
    if isinstance(v, dict): return {k: zero(x) for k, x in v.items()}
    if isinstance(v, (int, float)): return 0
    return v
json.dump(zero(data), open(path, "w"), sort_keys=True)
EOF
}

# run NAME ARGS...: runs `duet ARGS` in OUT/NAME and records stdout, stderr and the exit status. The
# files named in $INPUTS are linked into the case's folder first, so commands name them relatively.
run() {
  local name=$1; shift
  local dir="$OUT/$name"
  mkdir -p "$dir/files"
  for input in ${INPUTS:-}; do ln -sf "$input" "$dir/files/$(basename "$input")"; done
  local status=0
  (cd "$dir/files" && "$DUET" "$@" >"$dir/stdout" 2>"$dir/stderr") || status=$?
  echo "$status" >"$dir/status"
  printf '%s\n' "$*" >"$dir/command"
  # Absolute paths (the scratch folder differs between runs) are written relative to it.
  sed -i -E "s|$OUT|<out>|g" "$dir/stdout" "$dir/stderr"
  sed -i -E '/^wall time /d' "$dir/stdout"
  sed -i -E '/(elapsed|done in [0-9.,]+ s)/d' "$dir/stderr"
  # Co-search folders: redraw the page with zeroed wall times.
  while IFS= read -r timings; do
    zero_timings "$timings"
    (cd "$(dirname "$timings")" && "$DUET" report . >/dev/null 2>&1) || echo "redraw failed: $timings" >>"$dir/stderr"
  done < <(find "$dir/files" -name timings.json)
}

shared() {  # shared NAME ARGS...: as run, when ../shared is present
  if [[ $HAVE_SHARED == 1 ]]; then run "$@"; else echo "skipped $1: ../shared is absent"; fi
}

# --help of every command and subcommand.
run help-duet --help
for c in cost space cosearch monotonicity adapt report bench; do run "help-$c" "$c" --help; done
for c in list show sample lower export; do run "help-space-$c" space "$c" --help; done
for c in cost-model cosearch; do run "help-bench-$c" bench "$c" --help; done

# duet cost: layer tables, every hardware kind, CSV and JSON, the sweep report.
run cost-resnet50 cost --workload resnet50
run cost-mobilenetv2 cost --workload mobilenetv2
run cost-grid-csv cost --workload resnet50 --accelerators maestro-grid --out rows.csv
run cost-grid-json cost --workload resnet50 --accelerators maestro-grid --out rows.json
run cost-grid-report cost --workload resnet50 --accelerators maestro-grid --report sweep
run cost-semi-yrp cost --workload mobilenetv2 --accelerators semi-decoupled-grid --dataflow yr-p --out rows.json
run cost-eyeriss cost --workload mobilenetv2 --accelerators eyeriss --out rows.csv
run cost-fpga-csv cost --workload mobilenetv2 --accelerators zcu102-d2 --out rows.csv
run cost-fpga-json cost --workload resnet50 --accelerators fpga/zcu102-d2 --out rows.json
run cost-device-json cost --workload mobilenetv2 --accelerators s5e --out rows.json
run cost-device-csv cost --workload resnet50 --accelerators lenovo --out rows.csv
INPUTS="$ROOT/Tests/HardwareTests/Fixtures/maestro/model/vgg16_model.m" run cost-maestro-m cost --workload vgg16_model.m --accelerators kcp-256 --dataflow rs --out rows.csv
# A MAESTRO mapping file with its own Dataflow blocks, on a MAESTRO hardware file.
mkdir -p "$OUT/inputs"
cat >"$OUT/inputs/tiny.m" <<'EOF2'
Network tiny {
  Layer CONV1 {
    Type: CONV
    Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 224, X: 224 }
    Dataflow {
      SpatialMap(1,1) K; TemporalMap(64,64) C; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; Cluster(64, P); SpatialMap(1,1) C;
      TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer CONV2 {
    Type: DSCONV
    Dimensions { K: 1, C: 64, R: 3, S: 3, Y: 56, X: 56 }
  }
}
EOF2
printf 'num_pes: 256\nnoc_bw_cstr: 300\noffchip_bw_cstr: 50\n' >"$OUT/inputs/hw.m"
INPUTS="$OUT/inputs/tiny.m $OUT/inputs/hw.m" run cost-mapping cost --workload tiny.m --accelerators hw.m --dataflow x-p --mapping-dataflows --out rows.csv
run cost-err-workload cost --workload no-such-network
run cost-err-out cost --workload resnet50 --accelerators maestro-grid --out rows.txt

# duet space.
run space-list space list
for s in nasbench201 darts fbnet alphanet alphanet-semidecoupled mobilenetv2 nasbench-macro; do run "space-show-$s" space show "$s"; done
run space-sample-fbnet space sample fbnet --n 5 --seed 1
run space-sample-nb201 space sample nasbench201 --n 10 --seed 7 --distinct
run space-lower-nb201 space lower nasbench201 '|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|skip_connect~0|none~1|avg_pool_3x3~2|'
run space-lower-prune space lower nasbench201 --dead-edges prune '|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|avg_pool_3x3~2|'
run space-lower-macro space lower nasbench-macro --indices 02012100
run space-lower-fbnet space lower fbnet --convention table --indices '8 8 4 4 6 8 1 8 0 3 1 2 8 8 5 8 2 2 8 1 4 8'
run space-lower-darts space lower darts "$("$DUET" space sample darts --n 1 --seed 4)"
run space-export-nb201 space export nasbench201 --all --out nb201.csv
run space-export-nb201-c100 space export nasbench201 --dataset cifar100 --all --out nb201.csv
run space-export-darts space export darts --sample 1000 --seed 3 --out darts.csv
run space-export-fbnet space export fbnet --sample 200 --seed 2 --convention table --out fbnet.csv
run space-err-arch space lower nasbench201 'not-an-architecture'

# duet cosearch: the default run, other seeds, caps, datasets, stage-one rules, hardware searches,
# FPGA designs, and a candidate list.
run cosearch-default cosearch
run cosearch-seed7 cosearch --seed 7 --cap-points 0.1,0.5,0.9 --out nb201-seed7
run cosearch-c100 cosearch --dataset cifar100 --no-analyses --out c100
run cosearch-json cosearch --dataset imagenet16-120 --format json --out in16
run cosearch-pairs cosearch --stage-one pairs:3 --hardware-search random:20 --seed 3 --out pairs
run cosearch-evolutionary cosearch --hardware-search evolutionary:8,4 --resource-cap 512 --no-analyses --out evo
run cosearch-fpga cosearch --accelerators zcu102-d1,zcu102-d2,zcu102-d3,zcu102-d4 --target zcu102-d2 --sample 400 --out fpga
run cosearch-mixed cosearch --accelerators kcp-256,zcu102-d2 --target kcp-256 --sample 300 --seed 5 --out mixed
run cosearch-err-caps cosearch --cap-points 0.5,2
run cosearch-err-target cosearch --target no-such-point
run cosearch-err-mode cosearch --hardware-search sometimes
if [[ $HAVE_SHARED == 1 ]]; then
  python3 "$ROOT/scripts/shared-candidates.py" darts "$OUT/inputs/darts-candidates.csv" >/dev/null
  INPUTS="$OUT/inputs/darts-candidates.csv" run cosearch-darts cosearch --space darts --candidates darts-candidates.csv --out darts
fi

# duet monotonicity and duet adapt.
run mono-grid monotonicity --accelerators maestro-grid --sample 500 --kendall --out mono
HELP_NB201="$SHARED/reference/devices/help_nb201_latency.csv"
INPUTS="$HELP_NB201" shared mono-table monotonicity --table help_nb201_latency.csv --reference pixel3 --out mono
INPUTS="$HELP_NB201" shared mono-table-json monotonicity --table help_nb201_latency.csv --format json --out mono
INPUTS="$HELP_NB201" shared adapt-pixel3 adapt --table help_nb201_latency.csv --proxy pixel3
INPUTS="$HELP_NB201" shared adapt-raspi4 adapt --table help_nb201_latency.csv --proxy pixel3 --target raspi4 --samples 50 --seed 3
INPUTS="$HELP_NB201" shared adapt-json adapt --table help_nb201_latency.csv --proxy pixel3 --target raspi4 --lambda-selection split --format json

# duet report: redraw the shipped examples from their data.
for shipped in "$ROOT"/reports/*/; do
  name=$(basename "$shipped")
  mkdir -p "$OUT/report-$name/files"
  cp -R "$shipped" "$OUT/report-$name/files/$name"
  run "report-$name" report "$name"
done

if [[ "$MODE" == record ]]; then
  echo "recorded $(ls "$OUT" | wc -l) cases in $OUT"
  exit 0
fi
if diff -r "$RECORD" "$OUT" >"$OUT.diff"; then
  echo "identical: $(ls "$OUT" | wc -l) cases match $RECORD"
  rm -rf "$OUT" "$OUT.diff"
else
  echo "outputs differ from $RECORD (new outputs in $OUT):"
  diff -rq "$RECORD" "$OUT" | head -50
  echo "full diff: $OUT.diff"
  exit 1
fi
