package dev.runboard.security;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/** Accepts a request whose token ({@link TokenAuthenticationConverter}) is the server's. */
final class TokenAuthenticationProvider implements AuthenticationProvider {
  private final AccessToken token;

  TokenAuthenticationProvider(AccessToken token) {
    this.token = token;
  }

  @Override
  public Authentication authenticate(Authentication candidate) {
    if (!token.matches(String.valueOf(candidate.getCredentials()))) {
      throw new BadCredentialsException("wrong token");
    }
    PreAuthenticatedAuthenticationToken accepted = new PreAuthenticatedAuthenticationToken(
        "token", null, List.of(new SimpleGrantedAuthority("ROLE_USER")));
    accepted.setDetails(candidate.getDetails());
    return accepted;
  }

  @Override
  public boolean supports(Class<?> type) {
    return PreAuthenticatedAuthenticationToken.class.isAssignableFrom(type);
  }
}
