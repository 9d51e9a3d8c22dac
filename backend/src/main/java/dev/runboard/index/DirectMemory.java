package dev.runboard.index;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Off-heap buffers for sealed chunks, freed when the index lets go of them rather than whenever
 * the collector notices: an evicted series' memory must return at once, not after the next old
 * collection. Freeing goes through {@code sun.misc.Unsafe.invokeCleaner} (module {@code
 * jdk.unsupported}, open to every class path); where that is missing, the buffer's own cleaner
 * frees it after collection, as for any direct buffer.
 */
final class DirectMemory {
  private static final MethodHandle INVOKE_CLEANER = invokeCleaner();

  private DirectMemory() {}

  /**
   * A zeroed native-order buffer of {@code bytes}, or null when direct memory is exhausted
   * ({@code -XX:MaxDirectMemorySize}, by default the maximum heap): the caller keeps its data on
   * the heap instead.
   */
  static ByteBuffer allocate(int bytes) {
    try {
      return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    } catch (OutOfMemoryError e) {
      return null;
    }
  }

  /** Frees a buffer from {@link #allocate}; it must never be read again. */
  static void free(ByteBuffer buffer) {
    if (INVOKE_CLEANER == null) {
      return;
    }
    try {
      INVOKE_CLEANER.invoke(buffer);
    } catch (Throwable e) {
      // Left to the buffer's cleaner: freed after its next collection.
    }
  }

  private static MethodHandle invokeCleaner() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      var field = unsafeClass.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      return MethodHandles.lookup()
          .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
          .bindTo(field.get(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
