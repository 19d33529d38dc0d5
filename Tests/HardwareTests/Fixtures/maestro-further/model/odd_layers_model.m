Network odd_layers {
Layer dw0 {
Type: DSCONV
Stride { X: 3, Y: 3 }
Dimensions { K: 1, C: 16, R: 3, S: 3, Y: 22, X: 22 }
}
Layer gemm1 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 96, C: 576, R: 1, S: 1, Y: 128, X: 1 }
}
Layer g2 {
Type: NGCONV
Stride { X: 2, Y: 2 }
Dimensions { G: 8, K: 2, C: 16, R: 3, S: 3, Y: 37, X: 37 }
}
Layer gemm3 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 100, C: 128, R: 1, S: 1, Y: 1, X: 1 }
}
Layer c4 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 96, C: 8, R: 7, S: 7, Y: 14, X: 14 }
}
Layer dw5 {
Type: DSCONV
Stride { X: 2, Y: 2 }
Dimensions { K: 1, C: 40, R: 5, S: 5, Y: 17, X: 17 }
}
Layer dw6 {
Type: DSCONV
Stride { X: 3, Y: 3 }
Dimensions { K: 1, C: 48, R: 5, S: 5, Y: 18, X: 18 }
}
Layer c7 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 96, C: 24, R: 1, S: 1, Y: 2, X: 2 }
}
Layer g8 {
Type: NGCONV
Stride { X: 3, Y: 3 }
Dimensions { G: 2, K: 4, C: 4, R: 7, S: 7, Y: 14, X: 14 }
}
Layer c9 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 40, C: 8, R: 3, S: 3, Y: 34, X: 34 }
}
Layer dw10 {
Type: DSCONV
Stride { X: 2, Y: 2 }
Dimensions { K: 1, C: 8, R: 5, S: 5, Y: 34, X: 34 }
}
Layer c11 {
Type: CONV
Stride { X: 3, Y: 3 }
Dimensions { K: 10, C: 3, R: 3, S: 3, Y: 7, X: 7 }
}
Layer c12 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 24, C: 40, R: 3, S: 3, Y: 18, X: 18 }
}
Layer c13 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 40, C: 72, R: 3, S: 3, Y: 18, X: 18 }
}
Layer dw14 {
Type: DSCONV
Stride { X: 2, Y: 2 }
Dimensions { K: 1, C: 3, R: 7, S: 7, Y: 19, X: 19 }
}
Layer c15 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 8, C: 24, R: 5, S: 5, Y: 41, X: 41 }
}
Layer dw16 {
Type: DSCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 8, R: 3, S: 3, Y: 27, X: 27 }
}
Layer c17 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 100, C: 100, R: 5, S: 5, Y: 42, X: 42 }
}
Layer gemm18 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 10, C: 8, R: 1, S: 1, Y: 7, X: 1 }
}
Layer gemm19 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 130, C: 128, R: 1, S: 1, Y: 257, X: 1 }
}
Layer gemm20 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 8, C: 64, R: 1, S: 1, Y: 257, X: 1 }
}
Layer g21 {
Type: NGCONV
Stride { X: 3, Y: 3 }
Dimensions { G: 8, K: 6, C: 4, R: 1, S: 1, Y: 7, X: 7 }
}
Layer c22 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 1, C: 8, R: 1, S: 1, Y: 2, X: 2 }
}
Layer c23 {
Type: CONV
Stride { X: 3, Y: 3 }
Dimensions { K: 130, C: 16, R: 3, S: 3, Y: 16, X: 16 }
}
Layer c24 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 130, C: 72, R: 7, S: 7, Y: 24, X: 24 }
}
Layer gemm25 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 100, C: 576, R: 1, S: 1, Y: 257, X: 1 }
}
Layer gemm26 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 100, C: 192, R: 1, S: 1, Y: 7, X: 1 }
}
Layer c27 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 96, C: 3, R: 5, S: 5, Y: 5, X: 5 }
}
Layer gemm28 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 384, R: 1, S: 1, Y: 7, X: 1 }
}
Layer g29 {
Type: NGCONV
Stride { X: 3, Y: 3 }
Dimensions { G: 4, K: 4, C: 2, R: 7, S: 7, Y: 38, X: 38 }
}
Layer g30 {
Type: NGCONV
Stride { X: 3, Y: 3 }
Dimensions { G: 8, K: 2, C: 4, R: 5, S: 5, Y: 21, X: 21 }
}
Layer c31 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 40, C: 40, R: 3, S: 3, Y: 4, X: 4 }
}
Layer c32 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 100, C: 72, R: 7, S: 7, Y: 30, X: 30 }
}
Layer dw33 {
Type: DSCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 3, R: 5, S: 5, Y: 7, X: 7 }
}
Layer c34 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 3, R: 7, S: 7, Y: 39, X: 39 }
}
Layer gemm35 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 8, C: 128, R: 1, S: 1, Y: 50, X: 1 }
}
Layer g36 {
Type: NGCONV
Stride { X: 1, Y: 1 }
Dimensions { G: 2, K: 6, C: 16, R: 3, S: 3, Y: 39, X: 39 }
}
Layer gemm37 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 24, C: 64, R: 1, S: 1, Y: 1, X: 1 }
}
Layer g38 {
Type: NGCONV
Stride { X: 1, Y: 1 }
Dimensions { G: 4, K: 6, C: 2, R: 1, S: 1, Y: 25, X: 25 }
}
Layer gemm39 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 96, C: 192, R: 1, S: 1, Y: 128, X: 1 }
}
Layer gemm40 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 96, C: 192, R: 1, S: 1, Y: 257, X: 1 }
}
Layer g41 {
Type: NGCONV
Stride { X: 1, Y: 1 }
Dimensions { G: 4, K: 6, C: 4, R: 3, S: 3, Y: 25, X: 25 }
}
Layer c42 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 40, C: 1, R: 3, S: 3, Y: 37, X: 37 }
}
Layer dw43 {
Type: DSCONV
Stride { X: 2, Y: 2 }
Dimensions { K: 1, C: 100, R: 3, S: 3, Y: 29, X: 29 }
}
Layer gemm44 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 8, C: 64, R: 1, S: 1, Y: 257, X: 1 }
}
Layer c45 {
Type: CONV
Stride { X: 3, Y: 3 }
Dimensions { K: 24, C: 24, R: 7, S: 7, Y: 24, X: 24 }
}
Layer gemm46 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 96, C: 576, R: 1, S: 1, Y: 1, X: 1 }
}
Layer g47 {
Type: NGCONV
Stride { X: 1, Y: 1 }
Dimensions { G: 8, K: 4, C: 2, R: 7, S: 7, Y: 15, X: 15 }
}
}
