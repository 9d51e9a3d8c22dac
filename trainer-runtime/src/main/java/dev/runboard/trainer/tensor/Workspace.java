package dev.runboard.trainer.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scratch memory for the arrays of one training or inference step, recycled step after step:
 * without it every step allocates (and the collector must reclaim) tens of megabytes of
 * short-lived arrays, most of them large enough to be "humongous" for G1.
 *
 * <p>A workspace belongs to the thread that opened it and is found through a thread-local, so ops
 * need no extra parameter. Inside {@link #open()} ... {@link #close()}, {@link #floats} hands out
 * arrays that stay valid until the next {@link #recycle()} or {@code close()}: callers must not
 * keep them longer (the model copies whatever it returns). Outside any workspace {@link #floats}
 * simply allocates. Workspaces nest: an inner one (validation inside fit) leaves the outer one's
 * arrays alone.
 */
public final class Workspace implements AutoCloseable {
  private static final ThreadLocal<Workspace> CURRENT = new ThreadLocal<>();

  private final Workspace outer;
  private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
  private final List<float[]> inUse = new ArrayList<>();
  private final Map<Integer, ArrayDeque<int[]>> freeInts = new HashMap<>();
  private final List<int[]> intsInUse = new ArrayList<>();
  private final List<AutoCloseable> stepResources = new ArrayList<>();

  private Workspace(Workspace outer) {
    this.outer = outer;
  }

  /** Opens a workspace on this thread; close it on the same thread. */
  public static Workspace open() {
    Workspace workspace = new Workspace(CURRENT.get());
    CURRENT.set(workspace);
    return workspace;
  }

  /** An array of {@code size} floats with arbitrary content, to be fully overwritten. */
  public static float[] floats(int size) {
    Workspace workspace = CURRENT.get();
    return workspace == null ? new float[size] : workspace.take(size, false);
  }

  /** An array of {@code size} zeros. */
  public static float[] zeros(int size) {
    Workspace workspace = CURRENT.get();
    return workspace == null ? new float[size] : workspace.take(size, true);
  }

  /** An array of {@code size} ints with arbitrary content, to be fully overwritten. */
  public static int[] ints(int size) {
    Workspace workspace = CURRENT.get();
    if (workspace == null) {
      return new int[size];
    }
    ArrayDeque<int[]> pool = workspace.freeInts.get(size);
    int[] array = pool == null ? null : pool.poll();
    if (array == null) {
      array = new int[size];
    }
    workspace.intsInUse.add(array);
    return array;
  }

  /**
   * Closes {@code resource} at the next {@link #recycle()} or {@link #close()} of this thread's
   * workspace, for step-scoped memory that is not a Java array (a backend's native buffers); a
   * no-op outside a workspace. Closing must be idempotent: the owner may close it earlier.
   */
  public static void closeAtStepEnd(AutoCloseable resource) {
    Workspace workspace = CURRENT.get();
    if (workspace != null) {
      workspace.stepResources.add(resource);
    }
  }

  private void closeStepResources() {
    for (AutoCloseable resource : stepResources) {
      try {
        resource.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing a step resource failed", e);
      }
    }
    stepResources.clear();
  }

  private float[] take(int size, boolean zero) {
    ArrayDeque<float[]> pool = free.get(size);
    float[] array = pool == null ? null : pool.poll();
    if (array == null) {
      array = new float[size];
    } else if (zero) {
      Arrays.fill(array, 0f);
    }
    inUse.add(array);
    return array;
  }

  /** Every array handed out so far becomes reusable: call between steps. */
  public void recycle() {
    closeStepResources();
    for (float[] array : inUse) {
      free.computeIfAbsent(array.length, k -> new ArrayDeque<>()).add(array);
    }
    inUse.clear();
    for (int[] array : intsInUse) {
      freeInts.computeIfAbsent(array.length, k -> new ArrayDeque<>()).add(array);
    }
    intsInUse.clear();
  }

  @Override
  public void close() {
    if (CURRENT.get() != this) {
      throw new IllegalStateException("workspaces must be closed in reverse order, on their own thread");
    }
    CURRENT.set(outer);
    if (outer == null) {
      CURRENT.remove();
    }
    closeStepResources();
    free.clear();
    inUse.clear();
    freeInts.clear();
    intsInUse.clear();
  }
}
