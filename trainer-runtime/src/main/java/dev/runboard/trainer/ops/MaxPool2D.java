package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.ConvGeometry;
import dev.runboard.trainer.tensor.Tensor;

/**
 * Max pooling over NHWC windows ("valid" or "same" as in Keras). Backward routes each output
 * gradient to the first input in window order that equals the maximum (the one a strict
 * greater-than scan picks), found again from the saved output: no index array is stored, and the
 * forward pass is a plain, vectorisable max over channels.
 */
public final class MaxPool2D {
  private MaxPool2D() {}

  public static Tensor apply(
      Backend backend, Tensor x, int poolH, int poolW, int strideH, int strideW, boolean same) {
    if (x.rank() != 4) {
      throw new IllegalArgumentException("max pooling needs NHWC input, got " + x);
    }
    ConvGeometry g =
        ConvGeometry.of(x.dim(0), x.dim(1), x.dim(2), x.dim(3), poolH, poolW, strideH, strideW, same);
    int c = g.channels();
    int perImageOut = g.outH() * g.outW() * c;
    float[] in = x.data();
    float[] out = new float[g.batch() * perImageOut];
    backend.parallelFor(g.batch(), perImageOut * poolH * poolW, (from, to) -> {
      for (int n = from; n < to; n++) {
        int imageBase = n * g.height() * g.width() * c;
        int o = n * perImageOut;
        for (int oy = 0; oy < g.outH(); oy++) {
          int y0 = Math.max(0, oy * strideH - g.padTop());
          int y1 = Math.min(g.height(), oy * strideH - g.padTop() + poolH);
          for (int ox = 0; ox < g.outW(); ox++, o += c) {
            int x0 = Math.max(0, ox * strideW - g.padLeft());
            int x1 = Math.min(g.width(), ox * strideW - g.padLeft() + poolW);
            System.arraycopy(in, imageBase + (y0 * g.width() + x0) * c, out, o, c);
            for (int y = y0; y < y1; y++) {
              for (int xx = (y == y0 ? x0 + 1 : x0); xx < x1; xx++) {
                int i = imageBase + (y * g.width() + xx) * c;
                for (int ch = 0; ch < c; ch++) {
                  out[o + ch] = Math.max(out[o + ch], in[i + ch]);
                }
              }
            }
          }
        }
      }
    });
    int[] shape = {g.batch(), g.outH(), g.outW(), c};
    return Tensor.result(out, shape, grad -> {
      float[] dx = x.gradBuffer();
      // Per image: a window's inputs all lie in its own image, so tasks never write the same slot.
      backend.parallelFor(g.batch(), perImageOut * poolH * poolW, (from, to) -> {
        boolean[] routed = new boolean[c];
        for (int n = from; n < to; n++) {
          int imageBase = n * g.height() * g.width() * c;
          int o = n * perImageOut;
          for (int oy = 0; oy < g.outH(); oy++) {
            int y0 = Math.max(0, oy * strideH - g.padTop());
            int y1 = Math.min(g.height(), oy * strideH - g.padTop() + poolH);
            for (int ox = 0; ox < g.outW(); ox++, o += c) {
              int x0 = Math.max(0, ox * strideW - g.padLeft());
              int x1 = Math.min(g.width(), ox * strideW - g.padLeft() + poolW);
              java.util.Arrays.fill(routed, false);
              for (int y = y0; y < y1; y++) {
                for (int xx = x0; xx < x1; xx++) {
                  int i = imageBase + (y * g.width() + xx) * c;
                  for (int ch = 0; ch < c; ch++) {
                    if (!routed[ch] && in[i + ch] == out[o + ch]) {
                      dx[i + ch] += grad[o + ch];
                      routed[ch] = true;
                    }
                  }
                }
              }
            }
          }
        }
      });
    }, x);
  }
}
