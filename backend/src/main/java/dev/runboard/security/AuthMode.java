package dev.runboard.security;

/** How the dashboard asks who is there. */
public enum AuthMode {
  /** Nobody is asked: only allowed when the server listens on loopback addresses. */
  NONE,
  /** A shared secret token: in the URL once (then a cookie), or an {@code Authorization: Bearer} header. */
  TOKEN,
  /** HTTP Basic, against users and bcrypt hashes from a file. */
  BASIC,
  /** OpenID Connect login (Spring Security's OAuth2 login), configured by {@code spring.security.oauth2.client.*}. */
  OIDC
}
