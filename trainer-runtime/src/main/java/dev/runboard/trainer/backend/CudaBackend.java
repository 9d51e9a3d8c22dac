package dev.runboard.trainer.backend;

import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_N;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_T;
import static org.bytedeco.cuda.global.cublas.CUBLAS_STATUS_SUCCESS;
import static org.bytedeco.cuda.global.cublas.cublasCreate_v2;
import static org.bytedeco.cuda.global.cublas.cublasDestroy_v2;
import static org.bytedeco.cuda.global.cublas.cublasGetStatusName;
import static org.bytedeco.cuda.global.cublas.cublasGetStatusString;
import static org.bytedeco.cuda.global.cublas.cublasSgemm_v2;
import static org.bytedeco.cuda.global.cudart.cudaDeviceSynchronize;
import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceProperties;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;
import static org.bytedeco.cuda.global.cudart.cudaMemcpy;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.cudart.cudaSuccess;

import java.util.concurrent.ForkJoinPool;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;

/**
 * GPU backend: every GEMM runs as cuBLAS {@code cublasSgemm} on CUDA device 0 (JavaCPP presets);
 * the other kernels (im2col, col2im, bias, sums) stay on the CPU, so a convolution is im2col on
 * the CPU followed by GEMMs on the device.
 *
 * <p>Operands are heap arrays ({@link Backend}'s limit of this version), so each GEMM copies its
 * operands host to device and the result back. Device buffers are plain {@code cudaMalloc}
 * memory (never managed memory), kept and grown on demand. GEMMs are serialised on this object:
 * one cuBLAS handle, one set of buffers; the CPU kernels run in parallel as on the CPU backends.
 *
 * <p>cuBLAS runs in its default math mode, true float32 (no TF32), so results agree with the CPU
 * backends to float32 rounding.
 */
public final class CudaBackend extends CpuKernels implements AutoCloseable {
  private final cublasContext handle;
  private final String deviceName;
  private final DeviceFloats deviceA = new DeviceFloats();
  private final DeviceFloats deviceB = new DeviceFloats();
  private final DeviceFloats deviceC = new DeviceFloats();
  private FloatPointer stagingA = new FloatPointer(0L);
  private FloatPointer stagingB = new FloatPointer(0L);
  private FloatPointer stagingC = new FloatPointer(0L);
  private final FloatPointer alphaHost = new FloatPointer(1);
  private final FloatPointer betaHost = new FloatPointer(1);
  private boolean closed;

  private CudaBackend(ForkJoinPool pool, cublasContext handle, String deviceName) {
    super(pool);
    this.handle = handle;
    this.deviceName = deviceName;
  }

  /**
   * Loads the CUDA runtime and cuBLAS and opens device 0.
   *
   * @throws CudaUnavailableException naming the reason when the libraries, the driver or a device
   *     is missing
   */
  public static CudaBackend load(ForkJoinPool pool) {
    try {
      Loader.load(cudart.class);
      Loader.load(cublas.class);
    } catch (LinkageError e) {
      throw new CudaUnavailableException(
          "CUDA backend unavailable: the CUDA 13 runtime or cuBLAS could not be loaded ("
              + causes(e) + "); it needs an NVIDIA driver (libcuda.so.1) and the CUDA toolkit's"
              + " libraries (libcudart.so.13, libcublas.so.13) on LD_LIBRARY_PATH",
          e);
    }
    int[] count = {0};
    int code = cudaGetDeviceCount(count);
    if (code != cudaSuccess) {
      throw new CudaUnavailableException(
          "CUDA backend unavailable: cudaGetDeviceCount failed: " + errorString(code), null);
    }
    if (count[0] < 1) {
      throw new CudaUnavailableException("CUDA backend unavailable: no CUDA device found", null);
    }
    check(cudaSetDevice(0), "cudaSetDevice(0)");
    cudaDeviceProp properties = new cudaDeviceProp();
    check(cudaGetDeviceProperties(properties, 0), "cudaGetDeviceProperties(0)");
    String name =
        properties.name().getString().trim()
            + String.format(" (compute %d.%d, %d MiB)", properties.major(), properties.minor(),
                properties.totalGlobalMem() >> 20);
    cublasContext handle = new cublasContext();
    checkBlas(cublasCreate_v2(handle), "cublasCreate");
    return new CudaBackend(pool, handle, name);
  }

  @Override
  public String name() {
    return "CUDA cuBLAS on " + deviceName;
  }

  /** The device, e.g. {@code NVIDIA H100 80GB HBM3 (compute 9.0, 81079 MiB)}. */
  public String deviceName() {
    return deviceName;
  }

  @Override
  public synchronized void gemm(
      boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, int aOffset, float[] b, int bOffset,
      float beta, float[] c, int cOffset) {
    if (closed) {
      throw new IllegalStateException("CUDA backend is closed");
    }
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) { // no product; cuBLAS would reject the leading dimension 0
      for (int i = 0; i < m * n; i++) {
        c[cOffset + i] = beta == 0f ? 0f : beta * c[cOffset + i];
      }
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
    toDevice(deviceA.ensure(aSize), stagingA, aSize, "A");
    toDevice(deviceB.ensure(bSize), stagingB, bSize, "B");
    FloatPointer dc = deviceC.ensure(cSize);
    if (beta != 0f) {
      stagingC.position(0).put(c, cOffset, (int) cSize);
      toDevice(dc, stagingC, cSize, "C");
    }
    alphaHost.put(0, alpha);
    betaHost.put(0, beta);
    // cuBLAS is column-major; a row-major matrix is its transpose there. So compute
    // Cᵀ = op(B)ᵀ · op(A)ᵀ: swap the operands, keep each one's transpose flag and row-major lda.
    checkBlas(
        cublasSgemm_v2(
            handle,
            transB ? CUBLAS_OP_T : CUBLAS_OP_N,
            transA ? CUBLAS_OP_T : CUBLAS_OP_N,
            n, m, k,
            alphaHost,
            deviceB.pointer, transB ? k : n,
            deviceA.pointer, transA ? m : k,
            betaHost,
            dc, n),
        "cublasSgemm(" + m + "x" + n + "x" + k + ")");
    // A blocking copy on the default stream: it waits for the GEMM, and reports its errors.
    check(cudaMemcpy(stagingC.position(0), dc, cSize * Float.BYTES, cudaMemcpyDeviceToHost),
        "cudaMemcpy(C, device to host)");
    stagingC.position(0).get(c, cOffset, (int) cSize);
  }

  /** Waits for the device (for timing): GEMMs are already synchronous through their copies. */
  public void synchronize() {
    check(cudaDeviceSynchronize(), "cudaDeviceSynchronize");
  }

  /** Frees the device buffers and the cuBLAS handle. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    deviceA.free();
    deviceB.free();
    deviceC.free();
    checkBlas(cublasDestroy_v2(handle), "cublasDestroy");
  }

  private static void toDevice(FloatPointer device, FloatPointer host, long size, String what) {
    check(cudaMemcpy(device, host.position(0), size * Float.BYTES, cudaMemcpyHostToDevice),
        "cudaMemcpy(" + what + ", host to device)");
  }

  /** A {@code cudaMalloc} buffer of floats, replaced by a larger one when too small. */
  private static final class DeviceFloats {
    private FloatPointer pointer;
    private long capacity;

    FloatPointer ensure(long size) {
      if (size <= capacity) {
        return pointer;
      }
      free();
      // Headroom so that slowly growing shapes do not reallocate every call.
      long grown = Math.max(size, capacity * 3 / 2);
      Pointer raw = new Pointer();
      check(cudaMalloc(raw, grown * Float.BYTES), "cudaMalloc(" + grown * Float.BYTES + " bytes)");
      pointer = new FloatPointer(raw);
      capacity = grown;
      return pointer;
    }

    void free() {
      if (pointer != null) {
        check(cudaFree(pointer), "cudaFree");
        pointer = null;
        capacity = 0;
      }
    }
  }

  private static FloatPointer ensure(FloatPointer buffer, long size) {
    if (buffer.capacity() >= size) {
      return buffer;
    }
    buffer.close();
    return new FloatPointer(Math.max(size, buffer.capacity() * 3 / 2));
  }

  static void check(int code, String call) {
    if (code != cudaSuccess) {
      throw new CudaException(call + " failed: " + errorString(code));
    }
  }

  static void checkBlas(int status, String call) {
    if (status != CUBLAS_STATUS_SUCCESS) {
      throw new CudaException(
          call + " failed: " + cublasGetStatusName(status).getString() + " ("
              + cublasGetStatusString(status).getString() + ")");
    }
  }

  /**
   * The messages of an error, its causes and suppressed errors: JavaCPP's last error is the
   * library path search, while the first one names the shared library that was missing.
   */
  private static String causes(Throwable e) {
    StringBuilder text = new StringBuilder();
    java.util.Set<Throwable> seen = new java.util.HashSet<>();
    java.util.ArrayDeque<Throwable> pending = new java.util.ArrayDeque<>();
    pending.add(e);
    while (!pending.isEmpty()) {
      Throwable t = pending.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append(t.getMessage());
      if (t.getCause() != null) {
        pending.add(t.getCause());
      }
      pending.addAll(java.util.List.of(t.getSuppressed()));
    }
    return text.toString();
  }

  private static String errorString(int code) {
    return cudaGetErrorString(code).getString() + " (cudaError " + code + ")";
  }
}
