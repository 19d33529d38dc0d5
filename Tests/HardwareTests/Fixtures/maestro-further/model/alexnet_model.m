Network alexnet {
Layer conv1 {
Type: CONV
Stride { X: 4, Y: 4 }
Dimensions { K: 96, C: 3, R: 11, S: 11, Y: 227, X: 227 }
}
Layer conv2 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 96, R: 5, S: 5, Y: 31, X: 31 }
}
Layer conv3 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 384, C: 256, R: 3, S: 3, Y: 15, X: 15 }
}
Layer conv4 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 384, C: 384, R: 3, S: 3, Y: 15, X: 15 }
}
Layer conv5 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 384, R: 3, S: 3, Y: 15, X: 15 }
}
Layer fc6 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 4096, C: 9216, R: 1, S: 1, Y: 1, X: 1 }
}
Layer fc7 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 4096, C: 4096, R: 1, S: 1, Y: 1, X: 1 }
}
Layer fc8 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1000, C: 4096, R: 1, S: 1, Y: 1, X: 1 }
}
}
