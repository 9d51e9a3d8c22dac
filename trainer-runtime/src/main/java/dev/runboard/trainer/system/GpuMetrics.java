package dev.runboard.trainer.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.cuda.global.nvml;
import org.bytedeco.cuda.nvml.nvmlDevice_st;
import org.bytedeco.cuda.nvml.nvmlMemory_t;
import org.bytedeco.cuda.nvml.nvmlUtilization_t;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;

/**
 * GPU utilisation and memory through NVML (the NVIDIA driver's management library, JavaCPP's CUDA
 * presets). Where there is no usable NVIDIA driver, {@link #open()} says why and nothing is
 * sampled: GPU metrics are never invented.
 */
final class GpuMetrics implements AutoCloseable {
  private static final double MB = 1024.0 * 1024.0;

  private final List<nvmlDevice_st> devices;
  private final nvmlUtilization_t utilization = new nvmlUtilization_t();
  private final nvmlMemory_t memory = new nvmlMemory_t();

  private GpuMetrics(List<nvmlDevice_st> devices) {
    this.devices = devices;
  }

  /**
   * NVML's devices.
   *
   * @throws IllegalStateException without a usable NVIDIA driver, naming the reason
   */
  static GpuMetrics open() {
    try {
      Loader.load(nvml.class);
    } catch (LinkageError e) {
      // JavaCPP names the missing library, then lists the whole search path: keep the name.
      String reason = String.valueOf(e.getMessage());
      int path = reason.indexOf(" in java.library.path");
      throw new IllegalStateException(
          "NVML could not be loaded, no NVIDIA driver and CUDA runtime here? ("
              + (path > 0 ? reason.substring(0, path) : reason) + ")", e);
    }
    check(nvml.nvmlInit_v2(), "nvmlInit");
    try {
      IntPointer count = new IntPointer(1);
      check(nvml.nvmlDeviceGetCount_v2(count), "nvmlDeviceGetCount");
      List<nvmlDevice_st> devices = new ArrayList<>();
      for (int i = 0; i < count.get(); i++) {
        nvmlDevice_st device = new nvmlDevice_st();
        check(nvml.nvmlDeviceGetHandleByIndex_v2(i, device), "nvmlDeviceGetHandleByIndex");
        devices.add(device);
      }
      if (devices.isEmpty()) {
        throw new IllegalStateException("NVML reports no GPU");
      }
      return new GpuMetrics(devices);
    } catch (RuntimeException e) {
      nvml.nvmlShutdown();
      throw e;
    }
  }

  int deviceCount() {
    return devices.size();
  }

  /** {@code gpu<i>/utilization_percent}, {@code gpu<i>/memory_used_mb}, ... per device. */
  Map<String, Double> sample() {
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < devices.size(); i++) {
      String prefix = "gpu" + i + "/";
      if (nvml.nvmlDeviceGetUtilizationRates(devices.get(i), utilization) == nvml.NVML_SUCCESS) {
        values.put(prefix + "utilization_percent", (double) utilization.gpu());
        values.put(prefix + "memory_utilization_percent", (double) utilization.memory());
      }
      if (nvml.nvmlDeviceGetMemoryInfo(devices.get(i), memory) == nvml.NVML_SUCCESS) {
        values.put(prefix + "memory_used_mb", memory.used() / MB);
        values.put(prefix + "memory_total_mb", memory.total() / MB);
      }
    }
    return values;
  }

  @Override
  public void close() {
    nvml.nvmlShutdown();
  }

  private static void check(int status, String call) {
    if (status != nvml.NVML_SUCCESS) {
      throw new IllegalStateException(call + " failed: " + nvml.nvmlErrorString(status).getString());
    }
  }
}
