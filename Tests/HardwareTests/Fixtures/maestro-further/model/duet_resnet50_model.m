Network duet_resnet50 {
Layer conv1 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 64, C: 3, R: 7, S: 7, Y: 230, X: 230 }
}
Layer conv2_1.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 1, S: 1, Y: 56, X: 56 }
}
Layer conv2_1.b {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 58, X: 58 }
}
Layer conv2_1.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 64, R: 1, S: 1, Y: 56, X: 56 }
}
Layer conv2_1.downsample {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 64, R: 1, S: 1, Y: 56, X: 56 }
}
Layer conv2_2.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 256, R: 1, S: 1, Y: 56, X: 56 }
}
Layer conv2_2.b {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 58, X: 58 }
}
Layer conv2_2.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 64, R: 1, S: 1, Y: 56, X: 56 }
}
Layer conv2_3.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 256, R: 1, S: 1, Y: 56, X: 56 }
}
Layer conv2_3.b {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 58, X: 58 }
}
Layer conv2_3.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 64, R: 1, S: 1, Y: 56, X: 56 }
}
Layer conv3_1.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 128, C: 256, R: 1, S: 1, Y: 56, X: 56 }
}
Layer conv3_1.b {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 128, C: 128, R: 3, S: 3, Y: 58, X: 58 }
}
Layer conv3_1.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 512, C: 128, R: 1, S: 1, Y: 28, X: 28 }
}
Layer conv3_1.downsample {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 512, C: 256, R: 1, S: 1, Y: 56, X: 56 }
}
Layer conv3_2.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 128, C: 512, R: 1, S: 1, Y: 28, X: 28 }
}
Layer conv3_2.b {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 128, C: 128, R: 3, S: 3, Y: 30, X: 30 }
}
Layer conv3_2.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 512, C: 128, R: 1, S: 1, Y: 28, X: 28 }
}
Layer conv3_3.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 128, C: 512, R: 1, S: 1, Y: 28, X: 28 }
}
Layer conv3_3.b {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 128, C: 128, R: 3, S: 3, Y: 30, X: 30 }
}
Layer conv3_3.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 512, C: 128, R: 1, S: 1, Y: 28, X: 28 }
}
Layer conv3_4.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 128, C: 512, R: 1, S: 1, Y: 28, X: 28 }
}
Layer conv3_4.b {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 128, C: 128, R: 3, S: 3, Y: 30, X: 30 }
}
Layer conv3_4.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 512, C: 128, R: 1, S: 1, Y: 28, X: 28 }
}
Layer conv4_1.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 512, R: 1, S: 1, Y: 28, X: 28 }
}
Layer conv4_1.b {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 256, C: 256, R: 3, S: 3, Y: 30, X: 30 }
}
Layer conv4_1.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1024, C: 256, R: 1, S: 1, Y: 14, X: 14 }
}
Layer conv4_1.downsample {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 1024, C: 512, R: 1, S: 1, Y: 28, X: 28 }
}
Layer conv4_2.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 1024, R: 1, S: 1, Y: 14, X: 14 }
}
Layer conv4_2.b {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 256, R: 3, S: 3, Y: 16, X: 16 }
}
Layer conv4_2.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1024, C: 256, R: 1, S: 1, Y: 14, X: 14 }
}
Layer conv4_3.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 1024, R: 1, S: 1, Y: 14, X: 14 }
}
Layer conv4_3.b {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 256, R: 3, S: 3, Y: 16, X: 16 }
}
Layer conv4_3.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1024, C: 256, R: 1, S: 1, Y: 14, X: 14 }
}
Layer conv4_4.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 1024, R: 1, S: 1, Y: 14, X: 14 }
}
Layer conv4_4.b {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 256, R: 3, S: 3, Y: 16, X: 16 }
}
Layer conv4_4.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1024, C: 256, R: 1, S: 1, Y: 14, X: 14 }
}
Layer conv4_5.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 1024, R: 1, S: 1, Y: 14, X: 14 }
}
Layer conv4_5.b {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 256, R: 3, S: 3, Y: 16, X: 16 }
}
Layer conv4_5.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1024, C: 256, R: 1, S: 1, Y: 14, X: 14 }
}
Layer conv4_6.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 1024, R: 1, S: 1, Y: 14, X: 14 }
}
Layer conv4_6.b {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 256, R: 3, S: 3, Y: 16, X: 16 }
}
Layer conv4_6.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1024, C: 256, R: 1, S: 1, Y: 14, X: 14 }
}
Layer conv5_1.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 512, C: 1024, R: 1, S: 1, Y: 14, X: 14 }
}
Layer conv5_1.b {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 512, C: 512, R: 3, S: 3, Y: 16, X: 16 }
}
Layer conv5_1.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 2048, C: 512, R: 1, S: 1, Y: 7, X: 7 }
}
Layer conv5_1.downsample {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 2048, C: 1024, R: 1, S: 1, Y: 14, X: 14 }
}
Layer conv5_2.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 512, C: 2048, R: 1, S: 1, Y: 7, X: 7 }
}
Layer conv5_2.b {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 512, C: 512, R: 3, S: 3, Y: 9, X: 9 }
}
Layer conv5_2.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 2048, C: 512, R: 1, S: 1, Y: 7, X: 7 }
}
Layer conv5_3.a {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 512, C: 2048, R: 1, S: 1, Y: 7, X: 7 }
}
Layer conv5_3.b {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 512, C: 512, R: 3, S: 3, Y: 9, X: 9 }
}
Layer conv5_3.c {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 2048, C: 512, R: 1, S: 1, Y: 7, X: 7 }
}
Layer fc {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1000, C: 2048, R: 1, S: 1, Y: 1, X: 1 }
}
}
