package dev.runboard.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The shared secret of {@code --auth token}: configured, or 192 random bits per start. */
public final class AccessToken {
  private final String value;

  private AccessToken(String value) {
    this.value = value;
  }

  /** The configured token ({@code $RUNBOARD_TOKEN}), or a random one when it is empty. */
  public static AccessToken of(String configured) {
    if (configured != null && !configured.isBlank()) {
      if (configured.trim().length() < 16) {
        throw new ConfigurationProblem(
            "RUNBOARD_TOKEN (runboard.security.token) is too short to be a secret: use at least 16"
                + " characters, or leave it unset for a random token");
      }
      return new AccessToken(configured.trim());
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return new AccessToken(HexFormat.of().formatHex(random));
  }

  /** The token, for the URL printed at startup. */
  public String value() {
    return value;
  }

  /** Constant-time comparison: the time taken says nothing about how much of a guess was right. */
  public boolean matches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }
}
