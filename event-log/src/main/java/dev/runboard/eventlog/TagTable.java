package dev.runboard.eventlog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tags interned to dense ids, so the logging thread stores an int per row instead of a string,
 * and the ids double as indices into the segment's tag dictionary. Lookups of known tags take no
 * lock and allocate nothing; a new tag takes the lock once.
 */
final class TagTable {
  private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
  private String[] names = new String[16];
  private int size;

  int id(String tag) {
    Objects.requireNonNull(tag, "tag");
    Integer id = ids.get(tag);
    return id != null ? id : add(tag);
  }

  private synchronized int add(String tag) {
    Tags.require(tag);
    Integer id = ids.get(tag);
    if (id != null) {
      return id;
    }
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
    }
    names[size] = tag;
    ids.put(tag, size);
    return size++;
  }

  synchronized int size() {
    return size;
  }

  /** Tags with ids {@code from} (inclusive) to {@code to} (exclusive). */
  synchronized List<String> names(int from, int to) {
    return new ArrayList<>(Arrays.asList(names).subList(from, to));
  }
}
