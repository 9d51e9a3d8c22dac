package dev.runboard.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * What a request without a valid token gets: 401, with a page that asks for the token when a
 * browser navigates, and {@code application/problem+json} with a {@code WWW-Authenticate: Bearer}
 * challenge for everything else (API clients, the stream, Vaadin's own requests).
 */
final class LoginRequiredEntryPoint implements AuthenticationEntryPoint {
  private static final String PAGE = """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>Runboard: token required</title></head>
      <body style="font-family: sans-serif; margin: 3em auto; max-width: 36em">
      <h1>Runboard</h1>
      <p>This server needs its access token. Open the URL it printed when it started
      (<code>…/?token=…</code>), or enter the token (<code>$RUNBOARD_TOKEN</code>, if it was set):</p>
      <form method="get"><input name="token" type="password" autocomplete="current-password" autofocus
      aria-label="token" size="50"> <button type="submit">Open</button></form>
      <p>The browser then remembers it in a cookie.</p>
      </body></html>
      """;

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Bearer realm=\"runboard\"");
    response.setHeader("Cache-Control", "no-store");
    String accept = request.getHeader("Accept");
    if ("GET".equals(request.getMethod()) && accept != null && accept.contains("text/html")) {
      response.setContentType("text/html;charset=UTF-8");
      response.getOutputStream().write(PAGE.getBytes(StandardCharsets.UTF_8));
      return;
    }
    response.setContentType("application/problem+json");
    String detail = e instanceof BadCredentialsException
        ? "wrong token"
        : "this server needs its access token: ?token=..., an Authorization: Bearer header, or the cookie";
    response.getOutputStream().write(
        ("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"" + detail + "\"}")
            .getBytes(StandardCharsets.UTF_8));
  }
}
