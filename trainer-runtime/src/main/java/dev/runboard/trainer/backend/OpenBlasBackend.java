package dev.runboard.trainer.backend;

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

  private static FloatPointer ensure(FloatPointer buffer, long size) {
    if (buffer.capacity() >= size) {
      return buffer;
    }
    buffer.close();
    // Grow with headroom so that slowly growing shapes do not reallocate every call.
    return new FloatPointer(Math.max(size, buffer.capacity() * 3 / 2));
  }
}
