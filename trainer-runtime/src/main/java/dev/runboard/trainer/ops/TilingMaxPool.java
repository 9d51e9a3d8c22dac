package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.ConvGeometry;

/**
 * Max pooling's backward for the common case where the windows tile the input: stride equal to
 * the pool size, no padding (Keras's {@code MaxPooling2D((2, 2))}). Each input pixel then lies in
 * at most one window, so every input gradient is written exactly once (the routed value or 0),
 * pixel by pixel in memory order, instead of zero-filling the whole gradient and scattering into
 * it. (A forward that kept each channel's running maximum in a register, channel by channel, was
 * slower than the general forward's channel-innermost loops, so the forward stays shared.)
 */
final class TilingMaxPool {
  private TilingMaxPool() {}

  static boolean applies(ConvGeometry g) {
    return g.strideH() == g.kh() && g.strideW() == g.kw() && g.padTop() == 0 && g.padLeft() == 0
        && g.outH() * g.kh() <= g.height() && g.outW() * g.kw() <= g.width();
  }

  /**
   * Overwrites all of {@code dx}: the output gradient at each window's winner, 0 elsewhere.
   * {@code winner} holds, per output value, the index of the winning input relative to its image,
   * as {@link MaxPool2D}'s forward writes it.
   */
  static void backward(
      Backend backend, ConvGeometry g, int[] winner, float[] grad, float[] dx) {
    int c = g.channels();
    int w = g.width();
    int ph = g.kh();
    int pw = g.kw();
    int perImageIn = g.height() * w * c;
    int perImageOut = g.outH() * g.outW() * c;
    int coveredRows = g.outH() * ph;
    int coveredWidth = g.outW() * pw * c;
    backend.parallelFor(g.batch(), perImageIn, (from, to) -> {
      for (int n = from; n < to; n++) {
        for (int y = 0; y < g.height(); y++) {
          int row = n * perImageIn + y * w * c;
          if (y >= coveredRows) {
            java.util.Arrays.fill(dx, row, row + w * c, 0f);
            continue;
          }
          int oy = y / ph;
          int ky = y - oy * ph;
          int dst = row;
          for (int ox = 0; ox < g.outW(); ox++) {
            int o = n * perImageOut + (oy * g.outW() + ox) * c;
            for (int kx = 0; kx < pw; kx++, dst += c) {
              int rel = dst - n * perImageIn;
              for (int ch = 0; ch < c; ch++) {
                // All ones where this input won its window (winner ^ its index == 0), else 0;
                // both are non-negative, so the xor is too.
                int mask = ((winner[o + ch] ^ (rel + ch)) - 1) >> 31;
                dx[dst + ch] = Float.intBitsToFloat(Float.floatToRawIntBits(grad[o + ch]) & mask);
              }
            }
          }
          java.util.Arrays.fill(dx, row + coveredWidth, row + w * c, 0f);
        }
      }
    });
  }
}
