package dev.runboard.data.routes;

/**
 * A request the route cannot answer: sent as an RFC 9457 problem document with this status and
 * detail (and the parameter at fault, for a 400). Never a stack trace.
 */
public class RouteException extends RuntimeException {
  private final int status;
  private final String parameter;

  public RouteException(int status, String detail, String parameter) {
    super(detail);
    this.status = status;
    this.parameter = parameter;
  }

  public static RouteException badRequest(String parameter, String message) {
    return new RouteException(400, "parameter '" + parameter + "' " + message, parameter);
  }

  public static RouteException notFound(String detail) {
    return new RouteException(404, detail, null);
  }

  public int status() {
    return status;
  }

  /** The parameter at fault, or null. */
  public String parameter() {
    return parameter;
  }
}
