package dev.runboard.web;

/** A request parameter is malformed or out of range: answered with 400 naming the parameter. */
public class BadRequestException extends RuntimeException {
  private final String parameter;

  public BadRequestException(String parameter, String message) {
    super("parameter '" + parameter + "' " + message);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
