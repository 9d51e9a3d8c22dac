package dev.runboard.index;

import dev.runboard.eventlog.ScalarBatch;
import java.util.Arrays;

/**
 * A scalar batch's rows grouped by tag: {@link #rows()} lists the row numbers of tag 0, then of
 * tag 1, ..., each tag's in logged order, so that every series appends its rows in one call. Null
 * when the batch holds one tag only: its rows are then {@code 0..n} themselves.
 *
 * <p>Only row numbers move (4 bytes a row), not the columns: with 10,000 small runs, copying the
 * columns by tag allocated six times as much for no gain.
 */
record TagPartition(int[] starts, int[] rows) {
  static TagPartition of(ScalarBatch batch) {
    int n = batch.size();
    int tagCount = batch.tags().size();
    int[] tags = batch.tagIndices();
    int[] starts = new int[tagCount + 1];
    for (int i = 0; i < n; i++) {
      starts[tags[i] + 1]++;
    }
    for (int t = 0; t < tagCount; t++) {
      if (starts[t + 1] == n) {
        Arrays.fill(starts, t + 1, tagCount + 1, n);
        return new TagPartition(starts, null);
      }
      starts[t + 1] += starts[t];
    }
    int[] next = Arrays.copyOf(starts, tagCount);
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[next[tags[i]]++] = i;
    }
    return new TagPartition(starts, rows);
  }

  int tagCount() {
    return starts.length - 1;
  }

  /** Where tag {@code t}'s rows start in {@link #rows()}. */
  int start(int t) {
    return starts[t];
  }

  int count(int t) {
    return starts[t + 1] - starts[t];
  }
}
