#!/usr/bin/env bash
# Regenerates Sources/Interchange/Protobuf/onnx-ir.pb.swift from onnx-ir.proto. Needs protoc
# (apt-get install protobuf-compiler) and swift-protobuf's protoc-gen-swift plugin at the version
# Package.swift names, built outside this repository (the first build takes minutes, so CI never runs
# this; the generated file is committed):
#
#   git clone https://github.com/apple/swift-protobuf /tmp/swift-protobuf
#   (cd /tmp/swift-protobuf && git checkout 1.39.0 && swift build -c release --product protoc-gen-swift)
#   PROTOC_GEN_SWIFT=/tmp/swift-protobuf/.build/release/protoc-gen-swift scripts/regenerate-onnx-protobuf.sh
set -euo pipefail
cd "$(dirname "$0")/.."
plugin="${PROTOC_GEN_SWIFT:-/tmp/swift-protobuf/.build/release/protoc-gen-swift}"
command -v protoc >/dev/null || { echo "protoc not found: apt-get install protobuf-compiler" >&2; exit 1; }
[ -x "$plugin" ] || { echo "protoc-gen-swift not found at $plugin (set PROTOC_GEN_SWIFT)" >&2; exit 1; }
dir=Sources/Interchange/Protobuf
protoc --plugin=protoc-gen-swift="$plugin" --proto_path="$dir" --swift_out="$dir" \
  --swift_opt=Visibility=Internal onnx-ir.proto
echo "wrote $dir/onnx-ir.pb.swift"
