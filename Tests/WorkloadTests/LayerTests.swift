import Testing
@testable import Workload

@Suite("Layer counts and shapes")
struct LayerTests {
  /// ResNet-50's first layer, worked by hand: 7×7×3 filters, 64 of them, on a 224×224 input padded by 3
  /// with stride 2 → 112×112 outputs; MACs = 64·3·7·7·112·112, weights = 64·3·7·7.
  @Test func resnet50FirstLayer() {
    let conv1 = Layer.convolution(in: 3, out: 64, kernel: 7, stride: 2, padding: 3, input: 224)
    #expect(conv1.outputY == 112 && conv1.outputX == 112)
    #expect(conv1.macs == 118_013_952)
    #expect(conv1.weightElements == 9_408)
    #expect(conv1.parameters == 9_408)
    #expect(conv1.inputElements == 3 * 224 * 224)
    #expect(conv1.outputElements == 64 * 112 * 112)
    #expect(conv1.flops == 2 * 118_013_952)
  }

  @Test(arguments: [
    // (input, kernel, stride, padding, dilation, expected output)
    (224, 7, 2, 3, 1, 112), (224, 3, 1, 1, 1, 224), (224, 3, 2, 1, 1, 112), (7, 7, 1, 0, 1, 1),
    (32, 3, 1, 2, 2, 32),  // dilated 3×3 (span 5) with padding 2 keeps the size (DARTS dil_conv_3x3)
    (32, 5, 1, 4, 2, 32),  // dilated 5×5 (span 9) with padding 4
    (32, 3, 2, 2, 2, 16), (224, 11, 4, 0, 1, 54), (5, 3, 2, 0, 1, 2), (4, 5, 1, 0, 1, 0),
  ])
  func outputSize(_ c: (Int, Int, Int, Int, Int, Int)) {
    #expect(Layer.outputSize(input: c.0, kernel: c.1, stride: c.2, padding: c.3, dilation: c.4) == c.5)
  }

  @Test func dilationDoesNotChangeMACs() {
    let plain = Layer.convolution(in: 16, out: 16, kernel: 3, input: 32)
    let dilated = Layer.convolution(in: 16, out: 16, kernel: 3, dilation: 2, input: 32)
    #expect(dilated.padY == 2)
    #expect(plain.macs == dilated.macs)
    #expect(plain.macs == 16 * 16 * 9 * 32 * 32)
  }

  /// Depth-wise 3×3 over 32 channels at 112×112: one filter per channel, MACs = 32·9·112·112.
  @Test func depthwise() {
    let dw = Layer.depthwise(channels: 32, kernel: 3, input: 112)
    #expect(dw.outputY == 112)
    #expect(dw.macs == 32 * 9 * 112 * 112)
    #expect(dw.parameters == 32 * 9)
    #expect(dw.outputChannels == 32)
    #expect(dw.shapeProblems.isEmpty)
  }

  /// ResNeXt's 32×4d grouped 3×3: 128 channels in 32 groups of 4 → MACs = 32·4·4·9·56·56.
  @Test func grouped() {
    let layer = Layer(kind: .groupedConvolution, g: 32, k: 4, c: 4, r: 3, s: 3, y: 56, x: 56, padY: 1, padX: 1)
    #expect(layer.macs == 32 * 4 * 4 * 9 * 56 * 56)
    #expect(layer.parameters == 32 * 4 * 4 * 9)
    #expect(layer.outputChannels == 128 && layer.inputChannels == 128)
    // Groups divide a dense conv's work: the same layer dense would cost 32× more.
    let dense = Layer.convolution(in: 128, out: 128, kernel: 3, input: 56)
    #expect(dense.macs == 32 * layer.macs)
  }

  @Test func fullyConnected() {
    let fc = Layer.fullyConnected(in: 2048, out: 1000)
    #expect(fc.macs == 2_048_000)
    #expect(fc.parameters == 2_049_000)
    #expect(fc.flops == 2 * 2_048_000 + 1000)
  }

  @Test func nonMACLayers() {
    let pool = Layer(kind: .pooling(.max), k: 64, c: 64, r: 3, s: 3, y: 112, x: 112, strideY: 2, strideX: 2,
                     padY: 1, padX: 1)
    #expect(pool.macs == 0 && pool.parameters == 0)
    #expect(pool.outputY == 56)
    #expect(pool.flops == 64 * 56 * 56 * 9)
    let add = Layer(kind: .elementwise(.add), k: 256, c: 256, y: 56, x: 56, operands: 2)
    #expect(add.macs == 0)
    #expect(add.inputElements == 2 * 256 * 56 * 56)
    #expect(add.flops == 256 * 56 * 56)
    let bn = Layer(kind: .batchNorm, k: 64, c: 64, y: 8, x: 8)
    #expect(bn.parameters == 128 && bn.macs == 0)
    let concat = Layer(kind: .elementwise(.concat), k: 144, c: 36, y: 32, x: 32, operands: 4)
    #expect(concat.outputChannels == 144 && concat.shapeProblems.isEmpty)
  }

  @Test func transposed() {
    // 2× upsampling: 4×4 kernel, stride 2, padding 1 doubles 8×8 to 16×16.
    let t = Layer(kind: .transposedConvolution, k: 32, c: 64, r: 4, s: 4, y: 8, x: 8, strideY: 2, strideX: 2,
                  padY: 1, padX: 1)
    #expect(t.transposedOutputY == 16)
    #expect(t.macs == 32 * 64 * 16 * 8 * 8)
    #expect(t.outputElements == 32 * 16 * 16)
  }

  @Test func shapeProblems() {
    #expect(!Layer(kind: .convolution, k: 0, c: 3, y: 8, x: 8).shapeProblems.isEmpty)
    #expect(!Layer(kind: .convolution, k: 8, c: 3, r: 9, s: 9, y: 8, x: 8).shapeProblems.isEmpty)
    #expect(!Layer(kind: .depthwiseConvolution, k: 4, c: 3, y: 8, x: 8).shapeProblems.isEmpty)
    #expect(!Layer(kind: .convolution, g: 2, k: 4, c: 3, y: 8, x: 8).shapeProblems.isEmpty)
    #expect(Layer(kind: .convolution, k: 8, c: 3, r: 3, s: 3, y: 8, x: 8).shapeProblems.isEmpty)
  }

  @Test func kindNamesRoundTrip() {
    for name in LayerKind.allNames {
      #expect(LayerKind(name: name)?.name == name)
    }
    #expect(LayerKind(name: "pool.median") == nil)
  }
}
