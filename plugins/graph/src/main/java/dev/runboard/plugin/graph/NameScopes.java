package dev.runboard.plugin.graph;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Name scopes from node names, as TensorBoard groups a graph: {@code a/b/c} lies in the scope
 * {@code a/b}, which lies in {@code a}. A node whose whole name is also a scope ({@code Variable}
 * beside {@code Variable/read}) is placed inside that scope.
 */
final class NameScopes {
  private NameScopes() {}

  /** Every scope of the names (split at '/'), with the number of nodes inside it at any depth. */
  static Map<String, Integer> groups(List<String[]> names) {
    Map<String, Integer> sizes = new TreeMap<>();
    StringBuilder prefix = new StringBuilder();
    for (String[] parts : names) {
      prefix.setLength(0);
      for (int i = 0; i < parts.length - 1; i++) {
        if (i > 0) {
          prefix.append('/');
        }
        prefix.append(parts[i]);
        sizes.merge(prefix.toString(), 1, Integer::sum);
      }
    }
    // A node named like a scope is counted in it too.
    for (String[] parts : names) {
      String name = String.join("/", parts);
      sizes.computeIfPresent(name, (k, v) -> v + 1);
    }
    return sizes;
  }

  /** The innermost scope of a node: itself when its name is a scope, else its name's parent. */
  static String groupOf(String[] parts, Map<String, Integer> groups) {
    String name = String.join("/", parts);
    return groups.containsKey(name) ? name : parent(name);
  }

  /** "a/b" for "a/b/c", "" for a top-level name. */
  static String parent(String name) {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? "" : name.substring(0, slash);
  }
}
