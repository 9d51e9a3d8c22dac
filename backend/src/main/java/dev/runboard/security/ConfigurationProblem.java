package dev.runboard.security;

/**
 * The configuration cannot work as given (e.g. a public address without authentication); the
 * message says what to change. Startup fails with it.
 */
public class ConfigurationProblem extends RuntimeException {
  public ConfigurationProblem(String message) {
    super(message);
  }

  public ConfigurationProblem(String message, Throwable cause) {
    super(message, cause);
  }
}
