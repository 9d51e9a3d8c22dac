package dev.runboard.trainer.backend;

import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ForkJoinPool;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_full;

/**
 * CPU backend whose GEMM is OpenBLAS {@code cblas_sgemm} (JavaCPP presets).
 *
 * <p>Java arrays are copied into native staging buffers that grow once and are reused: a single
 * memcpy per operand, where JavaCPP's {@code float[]} overload would pin-copy every array in and
 * back out on each call.
 *
 * <p>OpenBLAS's thread count is process-wide. It defaults to one thread per core; on a machine
 * whose cores are busy with other work, its threads wait on each other and one thread can be
 * several times faster (docs/PERFORMANCE.md): {@link #setThreads}, or {@code
 * RUNBOARD_BLAS_THREADS} / {@code -Drunboard.blas.threads} through {@link Backends}.
 */
public final class OpenBlasBackend extends CpuKernels {
  private FloatPointer stagingA = new FloatPointer(0L);
  private FloatPointer stagingB = new FloatPointer(0L);
  private FloatPointer stagingC = new FloatPointer(0L);

  private OpenBlasBackend(ForkJoinPool pool) {
    super(pool);
  }

  /**
   * Loads the native library.
   *
   * @throws LinkageError (typically {@link UnsatisfiedLinkError}) when OpenBLAS cannot be loaded
   */
  public static OpenBlasBackend load(ForkJoinPool pool) {
    Loader.load(openblas_full.class);
    return new OpenBlasBackend(pool);
  }

  @Override
  public String name() {
    return "OpenBLAS";
  }

  /** Threads OpenBLAS uses for one GEMM (process-wide). */
  public int threads() {
    return openblas_full.openblas_get_num_threads();
  }

  public synchronized void setThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("BLAS threads must be at least 1, was " + threads);
    }
    openblas_full.openblas_set_num_threads(threads);
  }

  @Override
  public synchronized void gemm(
      boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, int aOffset, float[] b, int bOffset,
      float beta, float[] c, int cOffset) {
    if (m == 0 || n == 0) {
      return;
    }
    long aSize = (long) m * k;
    long bSize = (long) k * n;
    long cSize = (long) m * n;
    stagingA = ensure(stagingA, aSize);
    stagingB = ensure(stagingB, bSize);
    stagingC = ensure(stagingC, cSize);
    stagingA.position(0).put(a, aOffset, (int) aSize);
    stagingB.position(0).put(b, bOffset, (int) bSize);
    if (beta != 0f) {
      stagingC.position(0).put(c, cOffset, (int) cSize);
    }
    openblas_full.cblas_sgemm(
        openblas_full.CblasRowMajor,
        transA ? openblas_full.CblasTrans : openblas_full.CblasNoTrans,
        transB ? openblas_full.CblasTrans : openblas_full.CblasNoTrans,
        m, n, k, alpha,
        stagingA, transA ? m : k,
        stagingB, transB ? k : n,
        beta, stagingC, n);
    stagingC.position(0).get(c, cOffset, (int) cSize);
  }

  // ---- convolution: the patch matrix lives in native memory from im2col to both GEMMs --------

  /** Spare native patch buffers: a step needs the same few sizes again and again. */
  private final ArrayDeque<FloatPointer> sparePatches = new ArrayDeque<>();

  private static final int MAX_SPARE_PATCHES = 8;

  /** A patch matrix in native memory, handed back to the spares on close. */
  private final class NativePatches implements Patches {
    private final FloatPointer columns;
    private boolean closed;

    NativePatches(FloatPointer columns) {
      this.columns = columns;
    }

    @Override
    public void close() {
      synchronized (OpenBlasBackend.this) {
        if (!closed) {
          closed = true;
          releasePatches(columns);
        }
      }
    }
  }

  private synchronized FloatPointer acquirePatches(long size) {
    for (Iterator<FloatPointer> it = sparePatches.iterator(); it.hasNext(); ) {
      FloatPointer candidate = it.next();
      if (candidate.capacity() >= size) {
        it.remove();
        return candidate;
      }
    }
    return new FloatPointer(size);
  }

  private synchronized void releasePatches(FloatPointer buffer) {
    sparePatches.push(buffer);
    if (sparePatches.size() > MAX_SPARE_PATCHES) {
      sparePatches.removeLast().close();
    }
  }

  private static FloatBuffer view(FloatPointer pointer, long size) {
    return new FloatPointer(pointer).position(0).limit(size).asBuffer();
  }

  /**
   * im2col image by image into a small Java buffer (it stays in cache) and from there straight
   * into native memory, where the forward GEMM and the kernel-gradient GEMM both read it: the
   * patch matrix, the largest array of a step, is never copied as a whole.
   */
  @Override
  public Patches convolutionForward(
      float[] input, ConvGeometry g, float[] kernel, int filters, float[] out) {
    if (g.isPointwise()) {
      return super.convolutionForward(input, g, kernel, filters, out);
    }
    int m = g.outputPixels();
    int k = g.patchSize();
    int perImage = g.outH() * g.outW() * k;
    FloatPointer columns = acquirePatches((long) m * k);
    FloatBuffer target = view(columns, (long) m * k);
    parallelFor(g.batch(), perImage, (from, to) -> {
      float[] scratch = new float[perImage];
      for (int n = from; n < to; n++) {
        im2colImage(input, g, n, scratch, 0);
        target.put(n * perImage, scratch, 0, perImage);
      }
    });
    synchronized (this) {
      stagingB = ensure(stagingB, (long) k * filters);
      stagingC = ensure(stagingC, (long) m * filters);
      stagingB.position(0).put(kernel, 0, k * filters);
      openblas_full.cblas_sgemm(
          openblas_full.CblasRowMajor, openblas_full.CblasNoTrans, openblas_full.CblasNoTrans,
          m, filters, k, 1f, columns.position(0), k, stagingB, filters, 0f, stagingC, filters);
      stagingC.position(0).get(out, 0, m * filters);
    }
    return new NativePatches(columns);
  }

  @Override
  public void convolutionBackward(
      Patches patches, ConvGeometry g, float[] grad, float[] kernel, int filters,
      float[] kernelGradient, float[] inputGradient) {
    if (!(patches instanceof NativePatches)) {
      super.convolutionBackward(patches, g, grad, kernel, filters, kernelGradient, inputGradient);
      return;
    }
    FloatPointer columns = ((NativePatches) patches).columns;
    int m = g.outputPixels();
    int k = g.patchSize();
    FloatPointer columnGradient = inputGradient == null ? null : acquirePatches((long) m * k);
    synchronized (this) {
      stagingA = ensure(stagingA, (long) m * filters);
      stagingA.position(0).put(grad, 0, m * filters);
      if (kernelGradient != null) {
        // kernelGradient[k, F] += patchesᵀ · grad
        stagingB = ensure(stagingB, (long) k * filters);
        stagingB.position(0).put(kernelGradient, 0, k * filters);
        openblas_full.cblas_sgemm(
            openblas_full.CblasRowMajor, openblas_full.CblasTrans, openblas_full.CblasNoTrans,
            k, filters, m, 1f, columns.position(0), k, stagingA, filters, 1f, stagingB, filters);
        stagingB.position(0).get(kernelGradient, 0, k * filters);
      }
      if (columnGradient != null) {
        // patch gradient [m, k] = grad · kernelᵀ, left in native memory for col2im
        stagingB = ensure(stagingB, (long) k * filters);
        stagingB.position(0).put(kernel, 0, k * filters);
        openblas_full.cblas_sgemm(
            openblas_full.CblasRowMajor, openblas_full.CblasNoTrans, openblas_full.CblasTrans,
            m, k, filters, 1f, stagingA, filters, stagingB, filters, 0f, columnGradient.position(0), k);
      }
    }
    if (columnGradient != null) {
      int perImage = g.outH() * g.outW() * k;
      FloatBuffer source = view(columnGradient, (long) m * k);
      // One image per task: patches of different images never overlap, so no two tasks race.
      parallelFor(g.batch(), perImage, (from, to) -> {
        float[] scratch = new float[perImage];
        for (int n = from; n < to; n++) {
          source.get(n * perImage, scratch, 0, perImage);
          col2imImage(scratch, 0, g, n, inputGradient);
        }
      });
      releasePatches(columnGradient);
    }
  }

  private static FloatPointer ensure(FloatPointer buffer, long size) {
    if (buffer.capacity() >= size) {
      return buffer;
    }
    buffer.close();
    // Grow with headroom so that slowly growing shapes do not reallocate every call.
    return new FloatPointer(Math.max(size, buffer.capacity() * 3 / 2));
  }
}
