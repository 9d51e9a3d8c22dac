package dev.runboard.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether the address the server binds to is reachable from other machines. */
public final class BindAddress {
  private BindAddress() {}

  /**
   * True for loopback addresses and {@code localhost}: only this machine can connect. False for
   * wildcards ({@code 0.0.0.0}, {@code ::}, unset), other addresses and names that do not resolve
   * to loopback addresses only.
   */
  public static boolean isLoopback(String host) {
    if (host == null || host.isBlank()) {
      return false; // unset: every interface
    }
    String h = host.trim();
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      InetAddress[] addresses = InetAddress.getAllByName(h);
      for (InetAddress address : addresses) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** True for 0.0.0.0, :: and unset: every interface. */
  public static boolean isWildcard(String host) {
    if (host == null || host.isBlank()) {
      return true;
    }
    String h = host.trim().replace("[", "").replace("]", "");
    try {
      return InetAddress.getByName(h).isAnyLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
