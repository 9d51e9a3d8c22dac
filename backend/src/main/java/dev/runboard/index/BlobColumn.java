package dev.runboard.index;

import dev.runboard.data.BlobRef;
import dev.runboard.data.BlobSequence;
import dev.runboard.data.BlobSequenceDatum;
import dev.runboard.data.DataClass;
import dev.runboard.data.SeriesInfo;
import dev.runboard.data.StepQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A blob sequence (images, audio, text, graphs): for every blob, only where it is (file and
 * record) and what the log says of it. The bytes are never held: {@link
 * dev.runboard.data.DataProvider#readBlob} reads them from the file when asked. Blobs logged for
 * the same step one after another form one entry of the sequence (several images of a batch).
 */
final class BlobColumn extends Series {
  /** Where one blob is, and what the log says it is. */
  record Location(
      long step,
      double wall,
      int fileId,
      long sourceOffset,
      long sourceLength,
      int sourceIndex,
      String mediaType,
      long length,
      Map<String, String> attributes) {}

  private Location[] blobs = new Location[4];
  private int count;
  /** Number of entries (distinct consecutive steps). */
  private int entries;

  BlobColumn(String run, String tag, String pluginName, long generation) {
    super(run, tag, pluginName, generation);
  }

  @Override
  DataClass dataClass() {
    return DataClass.BLOB_SEQUENCES;
  }

  /** Appends one blob; returns the change in resident bytes. */
  synchronized long append(Location blob) {
    if (count == blobs.length) {
      blobs = Arrays.copyOf(blobs, count * 2);
    }
    if (count == 0 || blobs[count - 1].step() != blob.step()) {
      entries++;
    }
    blobs[count++] = blob;
    return 120 + 8;
  }

  synchronized Location blob(int i) {
    return i >= 0 && i < count ? blobs[i] : null;
  }

  @Override
  synchronized long count() {
    return entries;
  }

  @Override
  synchronized long residentBytes() {
    return 64 + 8L * blobs.length + 120L * count;
  }

  /** References are always held: they are what makes the blobs readable at all. */
  @Override
  boolean isResident() {
    return true;
  }

  @Override
  long evict() {
    return 0;
  }

  @Override
  synchronized SeriesInfo info() {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < count; i++) {
      min = Math.min(min, blobs[i].step());
      max = Math.max(max, blobs[i].step());
    }
    return new SeriesInfo(
        run(), tag(), DataClass.BLOB_SEQUENCES, pluginName(), entries, count == 0 ? 0 : min,
        count == 0 ? 0 : max, count == 0 ? 0 : blobs[count - 1].wall(), version());
  }

  /**
   * The entries in the query's step range, sampled, with a key per blob made by {@code keys}
   * from the blob's position.
   */
  synchronized BlobSequence read(StepQuery query, java.util.function.IntFunction<String> keys) {
    List<int[]> ranges = new ArrayList<>(); // [first blob, past last blob] per entry in range
    int i = 0;
    while (i < count) {
      int j = i + 1;
      while (j < count && blobs[j].step() == blobs[i].step()) {
        j++;
      }
      long step = blobs[i].step();
      if (step >= query.fromStep() && step <= query.toStep()) {
        ranges.add(new int[] {i, j});
      }
      i = j;
    }
    int[] picked = StepSampler.sample(ranges.size(), query.samples());
    List<BlobSequenceDatum> data = new ArrayList<>(picked.length);
    for (int p : picked) {
      int[] r = ranges.get(p);
      List<BlobRef> refs = new ArrayList<>(r[1] - r[0]);
      for (int b = r[0]; b < r[1]; b++) {
        Location l = blobs[b];
        refs.add(new BlobRef(keys.apply(b), l.mediaType(), l.length(), l.attributes()));
      }
      data.add(new BlobSequenceDatum(blobs[r[0]].step(), blobs[r[0]].wall(), refs));
    }
    return new BlobSequence(
        run(), tag(), pluginName(), version(), ranges.size(), picked.length < ranges.size(), data);
  }
}
