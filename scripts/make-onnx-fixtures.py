#!/usr/bin/env python3
"""Remakes the ONNX fixtures under Tests/InterchangeTests/Fixtures (run from anywhere).

  frameworks/  real exports of torchvision networks and small PyTorch models (weights=None: random
               initialisation; weights stripped to their dimensions so each file stays under 1 MB)
  ops/         small graphs built with the onnx helpers, one per operator and opset form
  errors/      files the importer must refuse

Needs torch, torchvision, onnx (and onnxscript for the dynamo exporter) from PyPI:
  pip install torch torchvision onnx onnxscript
Usage: scripts/make-onnx-fixtures.py [--only frameworks|ops|errors]
Not run by CI; the fixtures are committed.
"""
import argparse
import os
import sys
import warnings

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "InterchangeTests", "Fixtures")


def strip_weights(model, keep_elements=64):
    """Drops the data of every initializer larger than keep_elements (their dims stay): Duet reads
    weights by their dimensions; small tensors (shapes, pads, scales, clip bounds) keep their values."""
    for t in model.graph.initializer:
        count = int(np.prod(t.dims)) if len(t.dims) else 1
        if count > keep_elements and t.data_type in (TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.DOUBLE):
            t.ClearField("raw_data")
            t.ClearField("float_data")
            t.ClearField("double_data")
            t.ClearField("int32_data")
    return model


def save(model, folder, name):
    os.makedirs(os.path.join(ROOT, folder), exist_ok=True)
    path = os.path.join(ROOT, folder, name + ".onnx")
    onnx.save_model(model, path)
    size = os.path.getsize(path)
    assert size < 1 << 20, f"{path} is {size} bytes"
    print(f"{path}: {size} bytes, {len(model.graph.node)} nodes")


# ---------------------------------------------------------------------------------------------------
# Framework exports


def framework_fixtures():
    import torch
    import torch.nn as nn
    import torchvision

    warnings.filterwarnings("ignore")
    torch.manual_seed(0)

    class UNet(nn.Module):
        """A small U-Net (Ronneberger et al. 2015): two 3×3 conv-BN-ReLU per level, max-pool down,
        2×2 stride-2 transposed convolutions up, skip connections concatenated."""

        def __init__(self, c=16, levels=3):
            super().__init__()

            def block(i, o):
                return nn.Sequential(nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(),
                                     nn.Conv2d(o, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU())

            self.down = nn.ModuleList()
            ch = 3
            for i in range(levels):
                self.down.append(block(ch, c << i))
                ch = c << i
            self.bottom = block(ch, c << levels)
            self.up = nn.ModuleList()
            self.merge = nn.ModuleList()
            ch = c << levels
            for i in reversed(range(levels)):
                self.up.append(nn.ConvTranspose2d(ch, c << i, 2, stride=2))
                self.merge.append(block(2 * (c << i), c << i))
                ch = c << i
            self.head = nn.Conv2d(ch, 2, 1)

        def forward(self, x):
            skips = []
            for d in self.down:
                x = d(x)
                skips.append(x)
                x = nn.functional.max_pool2d(x, 2)
            x = self.bottom(x)
            for up, merge in zip(self.up, self.merge):
                x = up(x)
                x = merge(torch.cat([skips.pop(), x], dim=1))
            return self.head(x)

    class TransformerBlock(nn.Module):
        """A pre-norm transformer encoder block: multi-head self-attention and a GELU MLP, each with a
        residual add."""

        def __init__(self, d=256, heads=4, mlp=4):
            super().__init__()
            self.heads = heads
            self.norm1 = nn.LayerNorm(d)
            self.qkv = nn.Linear(d, 3 * d)
            self.proj = nn.Linear(d, d)
            self.norm2 = nn.LayerNorm(d)
            self.fc1 = nn.Linear(d, mlp * d)
            self.fc2 = nn.Linear(mlp * d, d)

        def forward(self, x):
            b, t, d = x.shape
            h = self.heads
            q, k, v = self.qkv(self.norm1(x)).reshape(b, t, 3, h, d // h).permute(2, 0, 3, 1, 4)
            attention = torch.softmax(q @ k.transpose(-2, -1) * (d // h) ** -0.5, dim=-1)
            x = x + self.proj((attention @ v).transpose(1, 2).reshape(b, t, d))
            return x + self.fc2(nn.functional.gelu(self.fc1(self.norm2(x))))

    class MLP(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(),
                                        nn.Linear(256, 10))

        def forward(self, x):
            return self.layers(x)

    image = torch.randn(1, 3, 224, 224)
    # (name, model, input, exporter, opset)
    cases = [
        ("resnet50", torchvision.models.resnet50(weights=None), image, "torchscript", 17),
        ("mobilenet_v2", torchvision.models.mobilenet_v2(weights=None), image, "torchscript", 13),
        ("vgg16", torchvision.models.vgg16(weights=None), image, "dynamo", 18),
        ("squeezenet1_0", torchvision.models.squeezenet1_0(weights=None), image, "torchscript", 11),
        ("googlenet", torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False), image, "torchscript", 13),
        ("mnasnet1_0", torchvision.models.mnasnet1_0(weights=None), image, "dynamo", 18),
        ("unet", UNet(), torch.randn(1, 3, 128, 128), "torchscript", 17),
        ("transformer_block", TransformerBlock(), torch.randn(1, 64, 256), "torchscript", 17),
        ("mlp", MLP(), torch.randn(1, 1, 28, 28), "torchscript", 9),
        ("resnet50_dynamo", torchvision.models.resnet50(weights=None), image, "dynamo", 18),
    ]
    tmp = "/tmp/duet-fixture.onnx"
    for name, model, x, exporter, opset in cases:
        model.eval()
        if exporter == "dynamo":
            torch.onnx.export(model, (x,), tmp, dynamo=True, opset_version=opset, input_names=["input"],
                              output_names=["output"], external_data=False, verbose=False)
        else:
            torch.onnx.export(model, (x,), tmp, dynamo=False, opset_version=opset, input_names=["input"],
                              output_names=["output"], dynamic_axes={"input": {0: "batch"}})
        m = onnx.load(tmp)
        m.graph.ClearField("value_info")  # Duet infers every shape itself
        save(strip_weights(m), "frameworks", name)


# ---------------------------------------------------------------------------------------------------
# Hand-built graphs: one per operator and opset form


def model(nodes, inputs, outputs, initializers=(), opset=13, name="g", infer=True):
    graph = helper.make_graph(nodes, name, inputs, outputs, initializer=list(initializers))
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="duet-fixtures")
    m.ir_version = 7 if opset <= 15 else 8
    if infer:
        # Output types from onnx's own shape inference (the checker wants them); no other value_info.
        inferred = onnx.shape_inference.infer_shapes(m)
        known = {v.name: v for v in list(inferred.graph.value_info) + list(inferred.graph.output)}
        for o in m.graph.output:
            if o.name in known and known[o.name].type.tensor_type.HasField("shape"):
                o.CopyFrom(known[o.name])
    return m


def tensor_input(name, dims):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, dims)


def out(name="y"):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, None)


def weight(name, dims):
    return numpy_helper.from_array(np.zeros(dims, dtype=np.float32), name)


def ints(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def floats(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.float32), name)


def op_fixtures():
    x = tensor_input("x", [1, 8, 16, 16])
    f = {}
    # Convolutions: dense with bias, depth-wise, grouped, dilated, uneven padding, SAME_UPPER, 1-D.
    f["conv_dense"] = model([helper.make_node("Conv", ["x", "w", "b"], ["y"], name="conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[2, 2])],
                            [x], [out()], [weight("w", [16, 8, 3, 3]), weight("b", [16])])
    f["conv_depthwise"] = model([helper.make_node("Conv", ["x", "w"], ["y"], name="dw", group=8, pads=[2, 2, 2, 2])],
                                [x], [out()], [weight("w", [8, 1, 5, 5])])
    f["conv_grouped"] = model([helper.make_node("Conv", ["x", "w"], ["y"], name="gconv", group=2)],
                              [x], [out()], [weight("w", [12, 4, 1, 1])])
    f["conv_dilated"] = model([helper.make_node("Conv", ["x", "w"], ["y"], name="dilated", dilations=[2, 2], pads=[2, 2, 2, 2])],
                              [x], [out()], [weight("w", [8, 8, 3, 3])])
    f["conv_uneven_pads"] = model([helper.make_node("Conv", ["x", "w"], ["y"], name="uneven", strides=[2, 2], pads=[0, 0, 1, 1])],
                                  [x], [out()], [weight("w", [8, 8, 3, 3])])
    f["conv_same_upper"] = model([helper.make_node("Conv", ["x", "w"], ["y"], name="same", strides=[2, 2], auto_pad="SAME_UPPER")],
                                 [x], [out()], [weight("w", [8, 8, 3, 3])], opset=9)
    f["conv_1d"] = model([helper.make_node("Conv", ["x", "w"], ["y"], name="conv1d", pads=[1, 1])],
                         [tensor_input("x", [1, 8, 100])], [out()], [weight("w", [16, 8, 3])])
    f["convtranspose"] = model([helper.make_node("ConvTranspose", ["x", "w", "b"], ["y"], name="up", strides=[2, 2])],
                               [x], [out()], [weight("w", [8, 4, 2, 2]), weight("b", [4])])
    f["convtranspose_output_padding"] = model(
        [helper.make_node("ConvTranspose", ["x", "w"], ["y"], name="up", strides=[2, 2], pads=[1, 1, 1, 1], output_padding=[1, 1])],
        [x], [out()], [weight("w", [8, 4, 3, 3])])
    # GEMMs.
    f["gemm"] = model([helper.make_node("Gemm", ["x", "w", "b"], ["y"], name="fc", transB=1)],
                      [tensor_input("x", [1, 512])], [out()], [weight("w", [10, 512]), weight("b", [10])], opset=11)
    f["matmul_batched"] = model([helper.make_node("MatMul", ["x", "w"], ["h"], name="proj"),
                                 helper.make_node("Add", ["h", "b"], ["y"], name="proj_bias")],
                                [tensor_input("x", [2, 64, 128])], [out()], [weight("w", [128, 32]), weight("b", [32])])
    # Pooling.
    f["maxpool_ceil"] = model([helper.make_node("MaxPool", ["x"], ["y"], name="pool", kernel_shape=[3, 3], strides=[2, 2], ceil_mode=1)],
                              [tensor_input("x", [1, 8, 55, 55])], [out()], opset=11)
    f["averagepool"] = model([helper.make_node("AveragePool", ["x"], ["y"], name="avg", kernel_shape=[2, 2], strides=[2, 2])],
                             [x], [out()], opset=7)
    f["globalaveragepool"] = model([helper.make_node("GlobalAveragePool", ["x"], ["y"], name="gap")], [x], [out()])
    f["reducemean_attribute"] = model([helper.make_node("ReduceMean", ["x"], ["y"], name="mean", axes=[2, 3], keepdims=0)],
                                      [x], [out()], opset=13)
    f["reducemean_input"] = model([helper.make_node("ReduceMean", ["x", "axes"], ["y"], name="mean", keepdims=1)],
                                  [x], [out()], [ints("axes", [2, 3])], opset=18)
    # Element-wise, concatenation, split.
    f["add_mul_concat"] = model([
        helper.make_node("Relu", ["x"], ["a"], name="a"),
        helper.make_node("Sigmoid", ["x"], ["b"], name="b"),
        helper.make_node("Add", ["a", "b"], ["s"], name="add"),
        helper.make_node("Mul", ["s", "a"], ["p"], name="mul"),
        helper.make_node("Concat", ["p", "x", "s"], ["y"], name="cat", axis=1)], [x], [out()])
    f["split_attribute"] = model([helper.make_node("Split", ["x"], ["a", "b"], name="split", axis=1, split=[2, 6]),
                                  helper.make_node("Relu", ["b"], ["y"], name="relu")], [x], [out()], opset=11)
    f["split_input"] = model([helper.make_node("Split", ["x", "sizes"], ["a", "b"], name="split", axis=1),
                              helper.make_node("Relu", ["b"], ["y"], name="relu")], [x], [out()], [ints("sizes", [2, 6])], opset=13)
    f["split_num_outputs"] = model([helper.make_node("Split", ["x"], ["a", "b"], name="split", axis=1, num_outputs=2),
                                    helper.make_node("Relu", ["b"], ["y"], name="relu")], [x], [out()], opset=18)
    # Normalisation and activations.
    f["batchnorm"] = model([helper.make_node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"], name="bn")], [x], [out()],
                           [weight(n, [8]) for n in "sbmv"], opset=9)
    f["clip_attributes"] = model([helper.make_node("Clip", ["x"], ["y"], name="relu6", min=0.0, max=6.0)], [x], [out()], opset=7)
    f["clip_inputs"] = model([helper.make_node("Clip", ["x", "lo", "hi"], ["y"], name="relu6")], [x], [out()],
                             [floats("lo", 0.0), floats("hi", 6.0)], opset=11)
    f["clip_relu"] = model([helper.make_node("Clip", ["x", "lo"], ["y"], name="relu")], [x], [out()], [floats("lo", 0.0)], opset=13)
    f["hardsigmoid_hardswish"] = model([
        helper.make_node("HardSigmoid", ["x"], ["h"], name="hsig", alpha=1 / 6),
        helper.make_node("HardSwish", ["h"], ["y"], name="hswish")], [x], [out()], opset=14)
    f["swish"] = model([helper.make_node("Sigmoid", ["x"], ["s"], name="swish"),
                        helper.make_node("Mul", ["x", "s"], ["y"], name="swish/mul")], [x], [out()])
    f["hswish_decomposed"] = model([helper.make_node("HardSigmoid", ["x"], ["s"], name="hswish", alpha=1 / 6),
                                    helper.make_node("Mul", ["x", "s"], ["y"], name="hswish/mul")], [x], [out()], opset=13)
    f["gelu"] = model([helper.make_node("Gelu", ["x"], ["y"], name="gelu")], [tensor_input("x", [1, 16, 64])], [out()], opset=20)
    f["gelu_erf"] = model([
        helper.make_node("Div", ["x", "sqrt2"], ["d"], name="gelu/div"),
        helper.make_node("Erf", ["d"], ["e"], name="gelu"),
        helper.make_node("Add", ["e", "one"], ["a"], name="gelu/add"),
        helper.make_node("Mul", ["x", "a"], ["m"], name="gelu/mul"),
        helper.make_node("Mul", ["m", "half"], ["y"], name="gelu/half")],
        [tensor_input("x", [1, 16, 64])], [out()], [floats("sqrt2", 2 ** 0.5), floats("one", 1.0), floats("half", 0.5)])
    f["softmax_opset11"] = model([helper.make_node("Softmax", ["x"], ["y"], name="softmax")], [tensor_input("x", [4, 10])], [out()], opset=11)
    f["softmax_opset13"] = model([helper.make_node("Softmax", ["x"], ["y"], name="softmax", axis=-1)], [tensor_input("x", [1, 4, 10])], [out()])
    f["tanh_layernorm"] = model([helper.make_node("LayerNormalization", ["x", "g", "b"], ["n"], name="ln", axis=-1),
                                 helper.make_node("Tanh", ["n"], ["y"], name="tanh")],
                                [tensor_input("x", [1, 16, 64])], [out()], [weight("g", [64]), weight("b", [64])], opset=17)
    # Padding and resizing, in their opset forms.
    f["pad_attribute"] = model([helper.make_node("Pad", ["x"], ["p"], name="pad", pads=[0, 0, 1, 1, 0, 0, 1, 1]),
                                helper.make_node("Conv", ["p", "w"], ["y"], name="conv")], [x], [out()], [weight("w", [8, 8, 3, 3])], opset=7)
    f["pad_input"] = model([helper.make_node("Pad", ["x", "pads"], ["p"], name="pad"),
                            helper.make_node("Conv", ["p", "w"], ["y"], name="conv")], [x], [out()],
                           [ints("pads", [0, 0, 1, 1, 0, 0, 1, 1]), weight("w", [8, 8, 3, 3])], opset=11)
    f["upsample_attribute"] = model([helper.make_node("Upsample", ["x"], ["u"], name="up", scales=[1.0, 1.0, 2.0, 2.0]),
                                     helper.make_node("Relu", ["u"], ["y"], name="relu")], [x], [out()], opset=7)
    f["upsample_input"] = model([helper.make_node("Upsample", ["x", "scales"], ["u"], name="up"),
                                 helper.make_node("Relu", ["u"], ["y"], name="relu")], [x], [out()], [floats("scales", [1, 1, 2, 2])], opset=9)
    f["resize_opset10"] = model([helper.make_node("Resize", ["x", "scales"], ["u"], name="up"),
                                 helper.make_node("Relu", ["u"], ["y"], name="relu")], [x], [out()], [floats("scales", [1, 1, 2, 2])], opset=10)
    f["resize_sizes"] = model([helper.make_node("Resize", ["x", "", "", "sizes"], ["u"], name="up"),
                               helper.make_node("Relu", ["u"], ["y"], name="relu")], [x], [out()], [ints("sizes", [1, 8, 32, 32])], opset=13)
    f["resize_scales"] = model([helper.make_node("Resize", ["x", "roi", "scales"], ["u"], name="up"),
                                helper.make_node("Relu", ["u"], ["y"], name="relu")], [x], [out()],
                               [floats("roi", []), floats("scales", [1, 1, 2, 2])], opset=11)
    # Pure shape operators: a flatten written with Shape, Gather, Unsqueeze, Concat, Reshape; Squeeze.
    f["shape_ops"] = model([
        helper.make_node("GlobalAveragePool", ["x"], ["g"], name="gap"),
        helper.make_node("Shape", ["g"], ["s"], name="shape"),
        helper.make_node("Gather", ["s", "zero"], ["n"], name="batch", axis=0),
        helper.make_node("Unsqueeze", ["n", "axes"], ["n1"], name="unsqueeze"),
        helper.make_node("Concat", ["n1", "minus1"], ["target"], name="target", axis=0),
        helper.make_node("Reshape", ["g", "target"], ["flat"], name="flatten"),
        helper.make_node("Identity", ["w"], ["w2"], name="weights"),
        helper.make_node("Dropout", ["flat"], ["d"], name="dropout"),
        helper.make_node("Gemm", ["d", "w2"], ["y"], name="fc", transB=1)],
        [x], [out()], [ints("zero", 0), ints("axes", [0]), ints("minus1", [-1]), weight("w", [10, 8])], opset=13)
    f["squeeze_attribute"] = model([helper.make_node("GlobalAveragePool", ["x"], ["g"], name="gap"),
                                    helper.make_node("Squeeze", ["g"], ["s"], name="squeeze", axes=[2, 3]),
                                    helper.make_node("Gemm", ["s", "w"], ["y"], name="fc", transB=1)],
                                   [x], [out()], [weight("w", [10, 8])], opset=11)
    f["squeeze_input"] = model([helper.make_node("GlobalAveragePool", ["x"], ["g"], name="gap"),
                                helper.make_node("Squeeze", ["g", "axes"], ["s"], name="squeeze"),
                                helper.make_node("Gemm", ["s", "w"], ["y"], name="fc", transB=1)],
                               [x], [out()], [ints("axes", [2, 3]), weight("w", [10, 8])], opset=13)
    f["constant_slice"] = model([
        helper.make_node("Constant", [], ["starts"], name="starts", value=numpy_helper.from_array(np.array([1, 1], dtype=np.int64))),
        helper.make_node("Constant", [], ["ends"], name="ends", value_ints=[16, 16]),
        helper.make_node("Constant", [], ["axes"], name="axes", value_ints=[2, 3]),
        helper.make_node("Slice", ["x", "starts", "ends", "axes"], ["s"], name="shift"),
        helper.make_node("Conv", ["s", "w"], ["y"], name="conv", strides=[2, 2])],
        [x], [out()], [weight("w", [4, 8, 1, 1])], opset=13)
    # Slice before opset 10 (attributes), ending at INT64_MAX as exporters write "to the end".
    f["slice_attributes"] = model([
        helper.make_node("Slice", ["x"], ["s"], name="shift", starts=[1, 1], ends=[2 ** 63 - 1, 2 ** 63 - 1], axes=[2, 3]),
        helper.make_node("Relu", ["s"], ["y"], name="relu")], [x], [out()], opset=9)
    f["channel_shuffle"] = model([
        helper.make_node("Reshape", ["x", "grouped"], ["r"], name="shuffle/split"),
        helper.make_node("Transpose", ["r"], ["t"], name="shuffle", perm=[0, 2, 1, 3, 4]),
        helper.make_node("Reshape", ["t", "merged"], ["y"], name="shuffle/merge")],
        [x], [out()], [ints("grouped", [1, 2, 4, 16, 16]), ints("merged", [1, 8, 16, 16])], opset=13)
    # A symbolic batch (read as 1) and an old opset.
    f["symbolic_batch"] = model([helper.make_node("Relu", ["x"], ["y"], name="relu")],
                                [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 8, 16, 16])], [out()], opset=7)
    for name, m in f.items():
        onnx.checker.check_model(m)
        save(m, "ops", name)


def error_fixtures():
    x = tensor_input("x", [1, 8, 16, 16])
    e = {}
    e["unsupported_op"] = model([helper.make_node("Relu", ["x"], ["a"], name="relu"),
                                 helper.make_node("LeakyRelu", ["a"], ["b"], name="leaky", alpha=0.1),
                                 helper.make_node("Conv", ["b", "w"], ["y"], name="conv")], [x], [out()], [weight("w", [4, 8, 1, 1])])
    e["cycle"] = model([helper.make_node("Add", ["x", "b"], ["a"], name="first"),
                        helper.make_node("Relu", ["a"], ["b"], name="second"),
                        helper.make_node("Relu", ["b"], ["y"], name="third")], [x], [out()], infer=False)
    e["stripped_reshape_target"] = strip_weights(model(
        [helper.make_node("Reshape", ["x", "target"], ["y"], name="reshape")], [x], [out()],
        [numpy_helper.from_array(np.arange(100, dtype=np.float32), "target")]))
    e["symbolic_height"] = model([helper.make_node("Relu", ["x"], ["y"], name="relu")],
                                 [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 8, "H", "W"])], [out()])
    e["mismatched_conv"] = model([helper.make_node("Conv", ["x", "w"], ["y"], name="conv")], [x], [out()], [weight("w", [4, 3, 3, 3])])
    for name, m in e.items():
        save(m, "errors", name)
    os.makedirs(os.path.join(ROOT, "errors"), exist_ok=True)
    with open(os.path.join(ROOT, "errors", "not_onnx.onnx"), "w") as fh:
        fh.write("schema: duet/v1\nkind: network\nname: this is YAML, not ONNX\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["frameworks", "ops", "errors"])
    args = parser.parse_args()
    if args.only in (None, "ops"):
        op_fixtures()
    if args.only in (None, "errors"):
        error_fixtures()
    if args.only in (None, "frameworks"):
        framework_fixtures()


if __name__ == "__main__":
    sys.exit(main())
