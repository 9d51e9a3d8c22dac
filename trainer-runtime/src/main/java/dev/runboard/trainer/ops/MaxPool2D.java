package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.ConvGeometry;
import dev.runboard.trainer.tensor.Tensor;

/**
 * Max pooling over NHWC windows ("valid" or "same" as in Keras). Remembers where each maximum came
 * from; backward routes each output gradient to that one input (first maximum on ties).
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
    int[] argmax = new int[out.length];
    backend.parallelFor(g.batch(), perImageOut * poolH * poolW, (from, to) -> {
      for (int n = from; n < to; n++) {
        int imageBase = n * g.height() * g.width() * c;
        int o = n * perImageOut;
        for (int oy = 0; oy < g.outH(); oy++) {
          for (int ox = 0; ox < g.outW(); ox++, o += c) {
            for (int ch = 0; ch < c; ch++) {
              out[o + ch] = Float.NEGATIVE_INFINITY;
              argmax[o + ch] = -1;
            }
            for (int ky = 0; ky < poolH; ky++) {
              int y = oy * strideH - g.padTop() + ky;
              if (y < 0 || y >= g.height()) {
                continue;
              }
              for (int kx = 0; kx < poolW; kx++) {
                int xx = ox * strideW - g.padLeft() + kx;
                if (xx < 0 || xx >= g.width()) {
                  continue;
                }
                int i = imageBase + (y * g.width() + xx) * c;
                for (int ch = 0; ch < c; ch++) {
                  if (in[i + ch] > out[o + ch] || argmax[o + ch] < 0) {
                    out[o + ch] = in[i + ch];
                    argmax[o + ch] = i + ch;
                  }
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
      backend.parallelFor(g.batch(), perImageOut, (from, to) -> {
        for (int o = from * perImageOut; o < to * perImageOut; o++) {
          dx[argmax[o]] += grad[o];
        }
      });
    }, x);
  }
}
