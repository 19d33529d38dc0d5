Network duet_mobilenetv2 {
Layer conv1 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 32, C: 3, R: 3, S: 3, Y: 226, X: 226 }
}
Layer block1_1.dw {
Type: DSCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 32, R: 3, S: 3, Y: 114, X: 114 }
}
Layer block1_1.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 16, C: 32, R: 1, S: 1, Y: 112, X: 112 }
}
Layer block2_1.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 96, C: 16, R: 1, S: 1, Y: 112, X: 112 }
}
Layer block2_1.dw {
Type: DSCONV
Stride { X: 2, Y: 2 }
Dimensions { K: 1, C: 96, R: 3, S: 3, Y: 114, X: 114 }
}
Layer block2_1.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 24, C: 96, R: 1, S: 1, Y: 56, X: 56 }
}
Layer block2_2.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 144, C: 24, R: 1, S: 1, Y: 56, X: 56 }
}
Layer block2_2.dw {
Type: DSCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 144, R: 3, S: 3, Y: 58, X: 58 }
}
Layer block2_2.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 24, C: 144, R: 1, S: 1, Y: 56, X: 56 }
}
Layer block3_1.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 144, C: 24, R: 1, S: 1, Y: 56, X: 56 }
}
Layer block3_1.dw {
Type: DSCONV
Stride { X: 2, Y: 2 }
Dimensions { K: 1, C: 144, R: 3, S: 3, Y: 58, X: 58 }
}
Layer block3_1.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 32, C: 144, R: 1, S: 1, Y: 28, X: 28 }
}
Layer block3_2.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 192, C: 32, R: 1, S: 1, Y: 28, X: 28 }
}
Layer block3_2.dw {
Type: DSCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 192, R: 3, S: 3, Y: 30, X: 30 }
}
Layer block3_2.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 32, C: 192, R: 1, S: 1, Y: 28, X: 28 }
}
Layer block3_3.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 192, C: 32, R: 1, S: 1, Y: 28, X: 28 }
}
Layer block3_3.dw {
Type: DSCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 192, R: 3, S: 3, Y: 30, X: 30 }
}
Layer block3_3.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 32, C: 192, R: 1, S: 1, Y: 28, X: 28 }
}
Layer block4_1.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 192, C: 32, R: 1, S: 1, Y: 28, X: 28 }
}
Layer block4_1.dw {
Type: DSCONV
Stride { X: 2, Y: 2 }
Dimensions { K: 1, C: 192, R: 3, S: 3, Y: 30, X: 30 }
}
Layer block4_1.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 192, R: 1, S: 1, Y: 14, X: 14 }
}
Layer block4_2.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 384, C: 64, R: 1, S: 1, Y: 14, X: 14 }
}
Layer block4_2.dw {
Type: DSCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 384, R: 3, S: 3, Y: 16, X: 16 }
}
Layer block4_2.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 384, R: 1, S: 1, Y: 14, X: 14 }
}
Layer block4_3.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 384, C: 64, R: 1, S: 1, Y: 14, X: 14 }
}
Layer block4_3.dw {
Type: DSCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 384, R: 3, S: 3, Y: 16, X: 16 }
}
Layer block4_3.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 384, R: 1, S: 1, Y: 14, X: 14 }
}
Layer block4_4.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 384, C: 64, R: 1, S: 1, Y: 14, X: 14 }
}
Layer block4_4.dw {
Type: DSCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 384, R: 3, S: 3, Y: 16, X: 16 }
}
Layer block4_4.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 384, R: 1, S: 1, Y: 14, X: 14 }
}
Layer block5_1.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 384, C: 64, R: 1, S: 1, Y: 14, X: 14 }
}
Layer block5_1.dw {
Type: DSCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 384, R: 3, S: 3, Y: 16, X: 16 }
}
Layer block5_1.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 96, C: 384, R: 1, S: 1, Y: 14, X: 14 }
}
Layer block5_2.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 576, C: 96, R: 1, S: 1, Y: 14, X: 14 }
}
Layer block5_2.dw {
Type: DSCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 576, R: 3, S: 3, Y: 16, X: 16 }
}
Layer block5_2.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 96, C: 576, R: 1, S: 1, Y: 14, X: 14 }
}
Layer block5_3.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 576, C: 96, R: 1, S: 1, Y: 14, X: 14 }
}
Layer block5_3.dw {
Type: DSCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 576, R: 3, S: 3, Y: 16, X: 16 }
}
Layer block5_3.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 96, C: 576, R: 1, S: 1, Y: 14, X: 14 }
}
Layer block6_1.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 576, C: 96, R: 1, S: 1, Y: 14, X: 14 }
}
Layer block6_1.dw {
Type: DSCONV
Stride { X: 2, Y: 2 }
Dimensions { K: 1, C: 576, R: 3, S: 3, Y: 16, X: 16 }
}
Layer block6_1.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 160, C: 576, R: 1, S: 1, Y: 7, X: 7 }
}
Layer block6_2.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 960, C: 160, R: 1, S: 1, Y: 7, X: 7 }
}
Layer block6_2.dw {
Type: DSCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 960, R: 3, S: 3, Y: 9, X: 9 }
}
Layer block6_2.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 160, C: 960, R: 1, S: 1, Y: 7, X: 7 }
}
Layer block6_3.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 960, C: 160, R: 1, S: 1, Y: 7, X: 7 }
}
Layer block6_3.dw {
Type: DSCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 960, R: 3, S: 3, Y: 9, X: 9 }
}
Layer block6_3.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 160, C: 960, R: 1, S: 1, Y: 7, X: 7 }
}
Layer block7_1.expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 960, C: 160, R: 1, S: 1, Y: 7, X: 7 }
}
Layer block7_1.dw {
Type: DSCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1, C: 960, R: 3, S: 3, Y: 9, X: 9 }
}
Layer block7_1.project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 320, C: 960, R: 1, S: 1, Y: 7, X: 7 }
}
Layer conv2 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1280, C: 320, R: 1, S: 1, Y: 7, X: 7 }
}
Layer fc {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1000, C: 1280, R: 1, S: 1, Y: 1, X: 1 }
}
}
