package dev.runboard.trainer.backend;

import dev.runboard.trainer.tensor.Workspace;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The non-GEMM kernels of the CPU backends, in plain Java: loops the JIT vectorises, split across
 * the fork-join pool by image or by row. Shared by the OpenBLAS and pure-Java backends.
 */
abstract class CpuKernels implements Backend {
  /** Below this much work (element operations) a fork costs more than it saves. */
  private static final long PARALLEL_THRESHOLD = 1 << 15;

  private final ForkJoinPool pool;

  CpuKernels(ForkJoinPool pool) {
    this.pool = pool;
  }

  /** Threads {@link #parallelFor} splits work over. */
  protected int parallelism() {
    return pool.getParallelism();
  }

  @Override
  public void parallelFor(int n, int costPerItem, RangeBody body) {
    int workers = pool.getParallelism();
    if (workers <= 1 || n < 2 || (long) n * costPerItem < PARALLEL_THRESHOLD) {
      body.run(0, n);
      return;
    }
    int chunks = Math.min(n, workers * 2);
    pool.invoke(new Chunk(body, n, chunks, 0, chunks));
  }

  /** Splits the chunk range in halves until one chunk is left, then runs it. */
  private static final class Chunk extends RecursiveAction {
    private final RangeBody body;
    private final int n;
    private final int chunks;
    private final int first;
    private final int last;

    Chunk(RangeBody body, int n, int chunks, int first, int last) {
      this.body = body;
      this.n = n;
      this.chunks = chunks;
      this.first = first;
      this.last = last;
    }

    @Override
    protected void compute() {
      if (last - first == 1) {
        int from = (int) ((long) n * first / chunks);
        int to = (int) ((long) n * last / chunks);
        body.run(from, to);
        return;
      }
      int mid = (first + last) >>> 1;
      invokeAll(new Chunk(body, n, chunks, first, mid), new Chunk(body, n, chunks, mid, last));
    }
  }

  @Override
  public void im2col(float[] input, ConvGeometry g, float[] columns) {
    int perImage = g.outH() * g.outW() * g.patchSize();
    parallelFor(g.batch(), perImage, (from, to) -> {
      for (int n = from; n < to; n++) {
        im2colImage(input, g, n, columns, n * perImage);
      }
    });
  }

  /** The patch rows of image {@code n}, written to {@code columns} from {@code offset} on. */
  static void im2colImage(float[] input, ConvGeometry g, int n, float[] columns, int offset) {
    int c = g.channels();
    int imageBase = n * g.height() * g.width() * c;
    int dst = offset;
    for (int oy = 0; oy < g.outH(); oy++) {
      for (int ox = 0; ox < g.outW(); ox++) {
        int y0 = oy * g.strideH() - g.padTop();
        int x0 = ox * g.strideW() - g.padLeft();
        for (int ky = 0; ky < g.kh(); ky++) {
          int y = y0 + ky;
          if (y < 0 || y >= g.height()) {
            Arrays.fill(columns, dst, dst + g.kw() * c, 0f);
            dst += g.kw() * c;
            continue;
          }
          int x = x0;
          int kx = 0;
          // Left padding, the in-bounds run (one copy: NHWC keeps it contiguous), right padding.
          while (kx < g.kw() && x < 0) {
            Arrays.fill(columns, dst, dst + c, 0f);
            dst += c;
            kx++;
            x++;
          }
          int run = Math.min(g.kw() - kx, g.width() - x);
          if (run > 0) {
            int length = run * c;
            int source = imageBase + (y * g.width() + x) * c;
            if (length < 16) {
              for (int t = 0; t < length; t++) { // a call costs more than a few floats
                columns[dst + t] = input[source + t];
              }
            } else {
              System.arraycopy(input, source, columns, dst, length);
            }
            dst += length;
            kx += run;
          }
          if (kx < g.kw()) {
            Arrays.fill(columns, dst, dst + (g.kw() - kx) * c, 0f);
            dst += (g.kw() - kx) * c;
          }
        }
      }
    }
  }

  @Override
  public void col2im(float[] columns, ConvGeometry g, float[] inputGradient) {
    int perImage = g.outH() * g.outW() * g.patchSize();
    // One image per task: patches of different images never overlap, so no two tasks race.
    parallelFor(g.batch(), perImage, (from, to) -> {
      for (int n = from; n < to; n++) {
        col2imImage(columns, n * perImage, g, n, inputGradient);
      }
    });
  }

  /** Adds image {@code n}'s patch rows, read from {@code columns} at {@code offset}, back. */
  static void col2imImage(float[] columns, int offset, ConvGeometry g, int n, float[] inputGradient) {
    int c = g.channels();
    int imageBase = n * g.height() * g.width() * c;
    int src = offset;
    for (int oy = 0; oy < g.outH(); oy++) {
      for (int ox = 0; ox < g.outW(); ox++) {
        int y0 = oy * g.strideH() - g.padTop();
        int x0 = ox * g.strideW() - g.padLeft();
        for (int ky = 0; ky < g.kh(); ky++) {
          int y = y0 + ky;
          if (y < 0 || y >= g.height()) {
            src += g.kw() * c;
            continue;
          }
          // The in-bounds part of the window row is contiguous in both arrays (NHWC): one long
          // loop the JIT vectorises, instead of one short loop per pixel.
          int kxFrom = Math.max(0, -x0);
          int kxTo = Math.min(g.kw(), g.width() - x0);
          if (kxTo > kxFrom) {
            int source = src + kxFrom * c;
            int dst = imageBase + (y * g.width() + x0 + kxFrom) * c;
            int length = (kxTo - kxFrom) * c;
            for (int t = 0; t < length; t++) {
              inputGradient[dst + t] += columns[source + t];
            }
          }
          src += g.kw() * c;
        }
      }
    }
  }

  /** Patches as a heap array (or the input itself for a 1x1 stride-1 convolution). */
  private record HeapPatches(float[] columns) implements Patches {
    @Override
    public void close() {}
  }

  @Override
  public Patches convolutionForward(
      float[] input, ConvGeometry g, float[] kernel, int filters, float[] out) {
    int m = g.outputPixels();
    int k = g.patchSize();
    float[] columns;
    if (g.isPointwise()) {
      columns = input; // the input already is the patch matrix
    } else {
      columns = Workspace.floats(m * k);
      im2col(input, g, columns);
    }
    gemm(false, false, m, filters, k, 1f, columns, 0, kernel, 0, 0f, out, 0);
    return new HeapPatches(columns);
  }

  @Override
  public void convolutionBackward(
      Patches patches, ConvGeometry g, float[] grad, float[] kernel, int filters,
      float[] kernelGradient, float[] inputGradient) {
    float[] columns = ((HeapPatches) patches).columns();
    int m = g.outputPixels();
    int k = g.patchSize();
    if (kernelGradient != null) {
      gemm(true, false, k, filters, m, 1f, columns, 0, grad, 0, 1f, kernelGradient, 0);
    }
    if (inputGradient != null) {
      if (g.isPointwise()) {
        gemm(false, true, m, k, filters, 1f, grad, 0, kernel, 0, 1f, inputGradient, 0);
      } else {
        float[] columnGradient = Workspace.floats(m * k);
        gemm(false, true, m, k, filters, 1f, grad, 0, kernel, 0, 0f, columnGradient, 0);
        col2im(columnGradient, g, inputGradient);
      }
    }
  }

  @Override
  public void addBias(float[] x, float[] out, int rows, float[] bias) {
    int cols = bias.length;
    parallelFor(rows, cols, (from, to) -> {
      for (int r = from; r < to; r++) {
        int base = r * cols;
        for (int j = 0; j < cols; j++) {
          out[base + j] = x[base + j] + bias[j];
        }
      }
    });
  }

  /** Rows per partial sum: fixed, so the summation order (and the result) never depends on threads. */
  private static final int SUM_BLOCK_ROWS = 1024;

  @Override
  public void addColumnSums(float[] x, int rows, int cols, float[] sums) {
    int blocks = (rows + SUM_BLOCK_ROWS - 1) / SUM_BLOCK_ROWS;
    float[] partial = new float[blocks * cols];
    parallelFor(blocks, SUM_BLOCK_ROWS * cols, (from, to) -> {
      for (int b = from; b < to; b++) {
        int end = Math.min(rows, (b + 1) * SUM_BLOCK_ROWS);
        int p = b * cols;
        for (int r = b * SUM_BLOCK_ROWS; r < end; r++) {
          int base = r * cols;
          for (int j = 0; j < cols; j++) {
            partial[p + j] += x[base + j];
          }
        }
      }
    });
    for (int b = 0; b < blocks; b++) {
      for (int j = 0; j < cols; j++) {
        sums[j] += partial[b * cols + j];
      }
    }
  }
}
