package dev.runboard.trainer.backend;

import java.util.concurrent.ForkJoinPool;

/**
 * Picks the backend models use by default: the CPU (oneDNN convolutions with OpenBLAS GEMMs; where
 * oneDNN cannot load, OpenBLAS alone; where OpenBLAS cannot either, loudly the pure-Java fallback),
 * or another one asked for with {@code RUNBOARD_BACKEND} / {@code -Drunboard.backend}: {@code
 * openblas} (no oneDNN: the previous CPU backend), {@code java} (the pure-Java reference) or {@code
 * cuda}.
 */
public final class Backends {
  /** Names accepted by {@link #named}, {@code RUNBOARD_BACKEND} and {@code --backend}. */
  public static final String CPU = "cpu";

  public static final String OPENBLAS = "openblas";

  public static final String JAVA = "java";

  public static final String CUDA = "cuda";

  private static volatile Backend cpu;
  private static volatile Backend openBlas;
  private static volatile Backend java;
  private static volatile CudaBackend cuda;

  private Backends() {}

  /**
   * The process-wide CPU backend, created on first use: oneDNN convolutions over {@link
   * #openBlas()}, or that alone where oneDNN cannot load (said on standard error). One per process
   * on purpose: the native libraries own thread pools, and native buffers are worth sharing.
   */
  public static Backend cpu() {
    Backend backend = cpu;
    if (backend == null) {
      synchronized (Backends.class) {
        backend = cpu;
        if (backend == null) {
          Backend blas = openBlas();
          try {
            backend = DnnlBackend.load(pool(), blas);
          } catch (LinkageError | RuntimeException e) {
            System.err.println(
                "WARNING: runboard trainer: oneDNN failed to load (" + e + "); convolutions run on "
                    + blas.name() + " (im2col + GEMM), about 2x slower");
            backend = blas;
          }
          cpu = backend;
        }
      }
    }
    return backend;
  }

  /** The OpenBLAS backend (convolutions as im2col + GEMM), or the pure-Java one where OpenBLAS cannot load. */
  public static Backend openBlas() {
    Backend backend = openBlas;
    if (backend == null) {
      synchronized (Backends.class) {
        backend = openBlas;
        if (backend == null) {
          backend = loadOpenBlas();
          openBlas = backend;
        }
      }
    }
    return backend;
  }

  /** The pure-Java reference backend. */
  public static Backend java() {
    Backend backend = java;
    if (backend == null) {
      synchronized (Backends.class) {
        backend = java;
        if (backend == null) {
          backend = new JavaBackend(pool());
          java = backend;
        }
      }
    }
    return backend;
  }

  /**
   * The backend chosen by {@code -Drunboard.backend} or {@code RUNBOARD_BACKEND} ({@code cpu} when
   * unset). Asking for {@code cuda} where it cannot run throws {@link CudaUnavailableException}
   * saying why: the user asked for the GPU, so there is no silent fallback.
   */
  public static Backend selected() {
    String name = System.getProperty("runboard.backend", System.getenv("RUNBOARD_BACKEND"));
    return named(name == null || name.isBlank() ? CPU : name.trim());
  }

  /** {@code cpu}, {@code openblas}, {@code java} or {@code cuda}; see {@link #selected}. */
  public static Backend named(String name) {
    if (CPU.equalsIgnoreCase(name)) {
      return cpu();
    }
    if (OPENBLAS.equalsIgnoreCase(name)) {
      return openBlas();
    }
    if (JAVA.equalsIgnoreCase(name)) {
      return java();
    }
    if (CUDA.equalsIgnoreCase(name)) {
      return cuda();
    }
    throw new IllegalArgumentException("unknown backend '" + name + "': expected cpu, openblas, java or cuda");
  }

  /**
   * The process-wide CUDA backend (device 0), created on first use.
   *
   * @throws CudaUnavailableException when there is no usable CUDA device, naming the reason
   */
  public static CudaBackend cuda() {
    CudaBackend backend = cuda;
    if (backend == null) {
      synchronized (Backends.class) {
        backend = cuda;
        if (backend == null) {
          backend = CudaBackend.load(pool());
          cuda = backend;
        }
      }
    }
    return backend;
  }

  /** {@code -Drunboard.blas.threads} or {@code RUNBOARD_BLAS_THREADS}; 0 when unset (OpenBLAS's default). */
  static int configuredBlasThreads() {
    String text = System.getProperty("runboard.blas.threads", System.getenv("RUNBOARD_BLAS_THREADS"));
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      int threads = Integer.parseInt(text.trim());
      if (threads >= 1) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "runboard.blas.threads / RUNBOARD_BLAS_THREADS must be a positive integer, was '" + text + "'");
  }

  private static ForkJoinPool pool;

  /**
   * The fork-join pool every CPU backend splits Java loops over. Own pool: the common pool has one
   * worker less than there are cores (none on two cores).
   */
  private static synchronized ForkJoinPool pool() {
    if (pool == null) {
      pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    }
    return pool;
  }

  private static Backend loadOpenBlas() {
    ForkJoinPool pool = pool();
    int threads = configuredBlasThreads();
    try {
      OpenBlasBackend blas = OpenBlasBackend.load(pool);
      if (threads > 0) {
        blas.setThreads(threads);
      }
      return blas;
    } catch (LinkageError | RuntimeException e) {
      System.err.println(
          "WARNING: runboard trainer: OpenBLAS failed to load (" + e
              + "); falling back to pure-Java GEMM, training will be about 10x slower");
      return new JavaBackend(pool);
    }
  }
}
