package dev.runboard.index;

import dev.runboard.data.DataClass;
import dev.runboard.data.SeriesInfo;
import dev.runboard.data.StepQuery;
import dev.runboard.data.TensorDatum;
import dev.runboard.data.TensorPayload;
import dev.runboard.data.TensorSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tensor series (histograms, PR curves, a plugin's tensors): one value per logged step, held in
 * memory while resident, re-read from the files after eviction. Steps, wall times and the count
 * survive eviction.
 */
final class TensorColumn extends Series {
  private long[] steps = new long[8];
  private double[] walls = new double[8];
  private TensorPayload[] values = new TensorPayload[8]; // null when not resident
  private int count;
  private long payloadBytes;
  private boolean resident = true;

  TensorColumn(String run, String tag, String pluginName, long generation) {
    super(run, tag, pluginName, generation);
  }

  @Override
  DataClass dataClass() {
    return DataClass.TENSORS;
  }

  /** Appends one step; returns the change in resident bytes. */
  synchronized long append(long step, double wall, TensorPayload value) {
    if (count == steps.length) {
      int c = count * 2;
      steps = Arrays.copyOf(steps, c);
      walls = Arrays.copyOf(walls, c);
      if (resident) {
        values = Arrays.copyOf(values, c);
      }
    }
    steps[count] = step;
    walls[count] = wall;
    long added = 16 + (resident ? 8 : 0);
    if (resident) {
      values[count] = value;
      payloadBytes += value.sizeBytes();
      added += value.sizeBytes();
    }
    count++;
    return added;
  }

  @Override
  synchronized long count() {
    return count;
  }

  @Override
  synchronized long residentBytes() {
    return 96 + 16L * steps.length + (resident ? 8L * values.length + payloadBytes : 0);
  }

  @Override
  synchronized boolean isResident() {
    return resident;
  }

  @Override
  synchronized long evict() {
    if (!resident) {
      return 0;
    }
    long freed = 8L * values.length + payloadBytes;
    values = null;
    payloadBytes = 0;
    resident = false;
    return freed;
  }

  /**
   * Puts back values read again from the files, in logged order; returns the change in bytes,
   * or {@code Long.MIN_VALUE} when they are not as many as counted.
   */
  synchronized long restore(List<TensorPayload> loaded) {
    if (loaded.size() != count) {
      return Long.MIN_VALUE;
    }
    long before = residentBytes();
    values = loaded.toArray(new TensorPayload[steps.length]);
    payloadBytes = loaded.stream().mapToLong(TensorPayload::sizeBytes).sum();
    resident = true;
    return residentBytes() - before;
  }

  @Override
  synchronized SeriesInfo info() {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < count; i++) {
      min = Math.min(min, steps[i]);
      max = Math.max(max, steps[i]);
    }
    return new SeriesInfo(
        run(), tag(), DataClass.TENSORS, pluginName(), count, count == 0 ? 0 : min,
        count == 0 ? 0 : max, count == 0 ? 0 : walls[count - 1], version());
  }

  /** The entries in the query's step range, sampled; null when not resident. */
  synchronized TensorSeries read(StepQuery query) {
    if (!resident) {
      return null;
    }
    List<Integer> inRange = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (steps[i] >= query.fromStep() && steps[i] <= query.toStep()) {
        inRange.add(i);
      }
    }
    int[] picked = StepSampler.sample(inRange.size(), query.samples());
    List<TensorDatum> data = new ArrayList<>(picked.length);
    for (int p : picked) {
      int i = inRange.get(p);
      data.add(new TensorDatum(steps[i], walls[i], values[i]));
    }
    return new TensorSeries(
        run(), tag(), pluginName(), version(), inRange.size(), picked.length < inRange.size(), data);
  }
}
