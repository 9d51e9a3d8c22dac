package dev.runboard.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Finds the token a request carries, as Jupyter accepts it: the {@code token} query parameter (the
 * URL printed at startup), an {@code Authorization: Bearer <token>} (or {@code token <token>})
 * header, or the cookie set after the first success. The query string is parsed directly, so a
 * request body is never read for it.
 */
final class TokenAuthenticationConverter implements AuthenticationConverter {
  static final String COOKIE = "runboard_token";
  static final String PARAMETER = "token";

  /** Where the token was found: from the URL, the browser should remember it in the cookie. */
  enum Source {
    QUERY,
    HEADER,
    COOKIE
  }

  @Override
  public Authentication convert(HttpServletRequest request) {
    String token = fromQuery(request.getQueryString());
    Source source = Source.QUERY;
    if (token == null) {
      token = fromHeader(request.getHeader("Authorization"));
      source = Source.HEADER;
    }
    if (token == null) {
      token = fromCookie(request.getCookies());
      source = Source.COOKIE;
    }
    if (token == null) {
      return null;
    }
    PreAuthenticatedAuthenticationToken candidate = new PreAuthenticatedAuthenticationToken("token", token);
    candidate.setDetails(source);
    return candidate;
  }

  private static String fromQuery(String query) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(PARAMETER + "=")) {
        String value = URLDecoder.decode(pair.substring(PARAMETER.length() + 1), StandardCharsets.UTF_8);
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  private static String fromHeader(String header) {
    if (header == null) {
      return null;
    }
    for (String scheme : new String[] {"Bearer ", "token "}) {
      if (header.regionMatches(true, 0, scheme, 0, scheme.length())) {
        String value = header.substring(scheme.length()).trim();
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  private static String fromCookie(Cookie[] cookies) {
    if (cookies == null) {
      return null;
    }
    for (Cookie cookie : cookies) {
      if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
        return cookie.getValue();
      }
    }
    return null;
  }
}
