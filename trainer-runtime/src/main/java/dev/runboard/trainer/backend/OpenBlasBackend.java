package dev.runboard.trainer.backend;

import java.util.concurrent.ForkJoinPool;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * CPU backend whose GEMM is OpenBLAS {@code cblas_sgemm} (JavaCPP presets).
 *
 * <p>Java arrays are copied into native staging buffers that grow once and are reused: a single
 * memcpy per operand, where JavaCPP's {@code float[]} overload would pin-copy every array in and
 * back out on each call.
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
    Loader.load(openblas_nolapack.class);
    return new OpenBlasBackend(pool);
  }

  @Override
  public String name() {
    return "OpenBLAS";
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
    openblas_nolapack.cblas_sgemm(
        openblas_nolapack.CblasRowMajor,
        transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
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
