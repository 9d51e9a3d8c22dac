package dev.runboard.index;

import dev.runboard.eventlog.ScalarBatch;

/**
 * A scalar batch's rows grouped by tag, each tag's in logged order, so that every series appends
 * its rows in one call. Tag {@code t}'s rows are, in one of two layouts:
 *
 * <ul>
 *   <li>strided ({@link #rows()} null): rows {@code start(t) + k * stride()}. A batch whose tags
 *       repeat with a period (one tag only, or a training loop logging the same tags every step:
 *       the usual batch) needs no row list at all;
 *   <li>listed: {@code rows()[start(t) + k]}.
 * </ul>
 *
 * <p>Only row numbers move (4 bytes a row, none when strided), not the columns: with 10,000 small
 * runs, copying the columns by tag allocated six times as much for no gain.
 */
record TagPartition(int[] starts, int[] counts, int[] rows, int stride) {
  static TagPartition of(ScalarBatch batch) {
    int n = batch.size();
    int tagCount = batch.tags().size();
    int[] tags = batch.tagIndices();
    TagPartition strided = strided(tags, n, tagCount);
    if (strided != null) {
      return strided;
    }
    int[] counts = new int[tagCount];
    for (int i = 0; i < n; i++) {
      counts[tags[i]]++;
    }
    int[] starts = new int[tagCount];
    int[] next = new int[tagCount];
    for (int t = 1; t < tagCount; t++) {
      starts[t] = starts[t - 1] + counts[t - 1];
      next[t] = starts[t];
    }
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[next[tags[i]]++] = i;
    }
    return new TagPartition(starts, counts, rows, 1);
  }

  /**
   * The strided layout when the batch's tags repeat with a period whose rows hold each tag once:
   * the period is where the first row's tag comes again, and one pass checks the rest. Null
   * otherwise.
   */
  private static TagPartition strided(int[] tags, int n, int tagCount) {
    if (n == 0) {
      return null;
    }
    int period = 1;
    while (period < n && tags[period] != tags[0]) {
      period++;
    }
    int[] starts = new int[tagCount];
    int[] counts = new int[tagCount];
    for (int p = 0; p < period; p++) {
      int t = tags[p];
      if (counts[t] != 0) {
        return null; // a tag twice in one period
      }
      starts[t] = p;
      counts[t] = (n - p + period - 1) / period;
    }
    for (int i = period; i < n; i++) {
      if (tags[i] != tags[i - period]) {
        return null;
      }
    }
    return new TagPartition(starts, counts, null, period);
  }

  int tagCount() {
    return counts.length;
  }

  /** Tag {@code t}'s first row (strided), or where its rows start in {@link #rows()}. */
  int start(int t) {
    return starts[t];
  }

  int count(int t) {
    return counts[t];
  }
}
