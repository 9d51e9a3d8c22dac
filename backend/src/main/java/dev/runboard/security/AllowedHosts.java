package dev.runboard.security;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The Host header names the server answers (Jupyter's rule against DNS rebinding): {@code
 * localhost}, loopback addresses, the configured bind address, the public URL's host and names
 * given explicitly. When the server listens on every interface, also this machine's own IP
 * addresses: an address typed in a browser cannot be a rebinding attack, which needs a DNS name. A
 * name is never resolved here (that is what an attacker controls).
 */
public final class AllowedHosts implements Predicate<String> {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final Set<String> names = new HashSet<>();
  private final Set<InetAddress> addresses = new HashSet<>();

  /**
   * @param bindAddress {@code server.address}; null or a wildcard for every interface
   * @param publicUrl the URL users open; may be null
   * @param extra further names or addresses
   */
  public AllowedHosts(String bindAddress, URI publicUrl, List<String> extra) {
    names.add("localhost");
    if (publicUrl != null && publicUrl.getHost() != null) {
      add(publicUrl.getHost());
    }
    extra.forEach(this::add);
    if (bindAddress != null && !bindAddress.isBlank() && !BindAddress.isWildcard(bindAddress)) {
      add(bindAddress);
    } else {
      addresses.addAll(interfaceAddresses());
    }
  }

  private void add(String host) {
    String h = normalise(host);
    InetAddress literal = literal(h);
    if (literal != null) {
      addresses.add(literal);
    } else {
      names.add(h);
    }
  }

  @Override
  public boolean test(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String h = normalise(host);
    if (names.contains(h)) {
      return true;
    }
    InetAddress literal = literal(h);
    return literal != null && (literal.isLoopbackAddress() || addresses.contains(literal));
  }

  /** For the 403 message: what may be given instead. */
  public String describe() {
    return "localhost, loopback and " + (names.size() > 1 ? "the names " + names + " and " : "")
        + "the addresses " + addresses;
  }

  private static String normalise(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** The address an IP literal denotes; null for a name (never resolved). */
  private static InetAddress literal(String h) {
    if (!IPV4.matcher(h).matches() && !h.contains(":")) {
      return null;
    }
    try {
      return InetAddress.getByName(h); // a literal: no lookup
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static Set<InetAddress> interfaceAddresses() {
    Set<InetAddress> found = new HashSet<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        found.addAll(Collections.list(nic.getInetAddresses()));
      }
    } catch (SocketException e) {
      // no interfaces listed: names and loopback only
    }
    return found;
  }
}
