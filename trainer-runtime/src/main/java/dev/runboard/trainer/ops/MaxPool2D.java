package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.ConvGeometry;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;

/**
 * Max pooling over NHWC windows ("valid" or "same" as in Keras). The forward pass remembers, per
 * output value, the input pixel the maximum came from (the first one on ties); backward routes
 * each output gradient there. The scan is written with conditional moves, not branches: which
 * value wins is data-dependent and would mispredict half the time.
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
    int w = g.width();
    int perImageOut = g.outH() * g.outW() * c;
    float[] in = x.data();
    float[] out = Workspace.floats(g.batch() * perImageOut);
    int[] winner = Workspace.ints(out.length); // index of the winning input, relative to its image
    backend.parallelFor(g.batch(), perImageOut * poolH * poolW, (from, to) -> {
      for (int n = from; n < to; n++) {
        int imageBase = n * g.height() * w * c;
        int o = n * perImageOut;
        for (int oy = 0; oy < g.outH(); oy++) {
          int y0 = Math.max(0, oy * strideH - g.padTop());
          int y1 = Math.min(g.height(), oy * strideH - g.padTop() + poolH);
          for (int ox = 0; ox < g.outW(); ox++, o += c) {
            int x0 = Math.max(0, ox * strideW - g.padLeft());
            int x1 = Math.min(w, ox * strideW - g.padLeft() + poolW);
            int first = (y0 * w + x0) * c;
            for (int ch = 0; ch < c; ch++) {
              out[o + ch] = in[imageBase + first + ch];
              winner[o + ch] = first + ch;
            }
            for (int y = y0; y < y1; y++) {
              for (int xx = (y == y0 ? x0 + 1 : x0); xx < x1; xx++) {
                int rel = (y * w + xx) * c;
                int i = imageBase + rel;
                for (int ch = 0; ch < c; ch++) {
                  float v = in[i + ch];
                  float best = out[o + ch];
                  // An int select is a conditional move; a float one would be a branch.
                  winner[o + ch] = v > best ? rel + ch : winner[o + ch];
                  out[o + ch] = Math.max(v, best);
                }
              }
            }
          }
        }
      }
    });
    int[] shape = {g.batch(), g.outH(), g.outW(), c};
    if (TilingMaxPool.applies(g)) {
      return Tensor.result(out, shape, grad -> {
        float[] dx = Workspace.floats(in.length);
        TilingMaxPool.backward(backend, g, winner, grad, dx);
        x.accumulateGradient(dx); // adopted when x has no gradient yet: no zero-fill, no scatter
      }, x);
    }
    return Tensor.result(out, shape, grad -> {
      float[] dx = x.gradBuffer();
      // Per image: a window's inputs all lie in its own image, so tasks never write the same slot.
      backend.parallelFor(g.batch(), perImageOut, (from, to) -> {
        for (int n = from; n < to; n++) {
          int imageBase = n * g.height() * w * c;
          for (int o = n * perImageOut; o < (n + 1) * perImageOut; o++) {
            dx[imageBase + winner[o]] += grad[o];
          }
        }
      });
    }, x);
  }
}
