package dev.runboard.security;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinDefaultRequestCache;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.RequestCacheConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may use the dashboard, from where, and how pages may be used: every request (REST, the
 * stream, Vaadin, Actuator except health) passes Spring Security.
 *
 * <ul>
 *   <li>Exposure: a server reachable from other machines must authenticate ({@code --auth}); without
 *       it startup fails and says how.
 *   <li>Host allow-list ({@link AllowedHosts}) through Spring Security's firewall: other Host
 *       headers get 403, on loopback too (DNS rebinding).
 *   <li>Authentication: none on loopback; a token ({@link AccessToken}); HTTP Basic against a users
 *       file; or OpenID Connect login.
 *   <li>Headers on every response: a Content-Security-Policy the Vaadin client works under, {@code
 *       X-Content-Type-Options}, {@code Referrer-Policy}, frame-ancestors and {@code X-Frame-Options}.
 *   <li>Same-origin: no CORS headers unless {@code --cors-origin} lists origins.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {
  /**
   * Vaadin's client evaluates server-sent JavaScript ({@code 'unsafe-eval'}) and its bootstrap page
   * holds inline scripts and styles ({@code 'unsafe-inline'}); everything is loaded from this
   * origin; no other site may frame the dashboard, nor may it post forms elsewhere.
   */
  static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "media-src 'self' data: blob:",
      // data: lets a chart turn its own canvas (a data: URL) into a file to download (PNG export).
      "connect-src 'self' data:",
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'");

  @Bean
  AllowedHosts allowedHosts(AccessProperties access, @Value("${server.address:}") String address) {
    return new AllowedHosts(address, access.publicUrl(), access.allowedHosts());
  }

  /** Spring Security's firewall, with the Host allow-list. */
  @Bean
  HttpFirewall httpFirewall(AllowedHosts hosts) {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowedHostnames(hosts);
    return firewall;
  }

  /** 403 for a Host that is not allowed (saying which are), 400 for the firewall's other refusals. */
  @Bean
  RequestRejectedHandler requestRejectedHandler(AllowedHosts hosts, AccessProperties access) {
    return (request, response, rejected) -> {
      boolean host = !hosts.test(request.getServerName());
      response.setStatus(host ? HttpServletResponse.SC_FORBIDDEN : HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("text/plain;charset=UTF-8");
      String message = host
          ? "Host '" + request.getServerName() + "' is not served here (DNS rebinding protection). Use "
              + hosts.describe() + ", or add the name with --public-url or runboard.security.allowed-hosts.\n"
          : "Request rejected: " + rejected.getMessage() + "\n";
      response.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
    };
  }

  @Bean
  @ConditionalOnProperty(name = "runboard.security.auth", havingValue = "token")
  AccessToken accessToken(AccessProperties access) {
    return AccessToken.of(access.token());
  }

  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http,
      AccessProperties access,
      @Value("${server.address:}") String address,
      RequestUtil vaadin,
      ObjectProvider<AccessToken> token,
      ObjectProvider<ClientRegistrationRepository> registrations,
      ObjectProvider<VaadinDefaultRequestCache> vaadinRequestCache)
      throws Exception {
    AuthMode mode = access.auth();
    if (mode == AuthMode.NONE && !BindAddress.isLoopback(address)) {
      throw new ConfigurationProblem(
          "the server would listen on " + (address.isBlank() ? "every interface" : address)
              + ", reachable from other machines, without authentication. Choose one: --auth token (a"
              + " random token, printed with the URL), --auth basic --users-file FILE, or --auth oidc"
              + " (runboard.security.auth); or listen on 127.0.0.1 only");
    }
    http.authorizeHttpRequests(requests -> {
      requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll();
      if (mode == AuthMode.NONE) {
        requests.anyRequest().permitAll();
      } else {
        requests.anyRequest().authenticated();
      }
    });
    // Vaadin protects its own requests (a CSRF token in every UIDL request); Spring's would refuse them.
    // The API's POSTs (scalars/batch, scalars/groups) are reads with a JSON body: they change nothing,
    // a cross-site page cannot send their content type without a CORS preflight (refused unless
    // --cors-origin allows it), nor read the answer; a CSRF token would only break the dashboards.
    http.csrf(csrf -> csrf
        .ignoringRequestMatchers(vaadin::isFrameworkInternalRequest)
        .ignoringRequestMatchers("/api/**"));
    http.headers(headers -> headers
        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
        .frameOptions(frame -> frame.deny())
        .contentTypeOptions(Customizer.withDefaults()));
    if (access.corsOrigins().isEmpty()) {
      http.cors(AbstractHttpConfigurer::disable);
    } else {
      http.cors(cors -> cors.configurationSource(cors(access.corsOrigins())));
    }
    switch (mode) {
      case NONE -> http.requestCache(RequestCacheConfigurer::disable);
      case TOKEN -> token(http, token.getObject());
      case BASIC -> basic(http, access);
      case OIDC -> oidc(http, registrations, vaadinRequestCache);
    }
    return http.build();
  }

  private static void token(HttpSecurity http, AccessToken token) throws Exception {
    LoginRequiredEntryPoint entryPoint = new LoginRequiredEntryPoint();
    AuthenticationFilter filter = new AuthenticationFilter(
        new ProviderManager(new TokenAuthenticationProvider(token)), new TokenAuthenticationConverter());
    filter.setSuccessHandler((request, response, authentication) -> {
      if (authentication.getDetails() == TokenAuthenticationConverter.Source.QUERY) {
        rememberInCookie(request, response, token);
      }
    });
    filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(entryPoint));
    http.addFilterAt(filter, BasicAuthenticationFilter.class);
    http.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint));
    http.requestCache(RequestCacheConfigurer::disable);
  }

  /** The token from the URL, kept for the browser's next visits (HttpOnly: not for scripts). */
  private static void rememberInCookie(HttpServletRequest request, HttpServletResponse response, AccessToken token) {
    Cookie cookie = new Cookie(TokenAuthenticationConverter.COOKIE, token.value());
    cookie.setPath("/");
    cookie.setHttpOnly(true);
    cookie.setSecure(request.isSecure());
    cookie.setMaxAge((int) Duration.ofDays(30).toSeconds());
    cookie.setAttribute("SameSite", "Lax");
    response.addCookie(cookie);
  }

  private static void basic(HttpSecurity http, AccessProperties access) throws Exception {
    DaoAuthenticationProvider users = new DaoAuthenticationProvider(UsersFile.load(access.usersFile()));
    users.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    http.authenticationManager(new ProviderManager(users));
    http.httpBasic(basic -> basic.realmName("Runboard"));
    http.requestCache(RequestCacheConfigurer::disable);
  }

  private static void oidc(
      HttpSecurity http,
      ObjectProvider<ClientRegistrationRepository> registrations,
      ObjectProvider<VaadinDefaultRequestCache> vaadinRequestCache)
      throws Exception {
    if (registrations.getIfAvailable() == null) {
      throw new ConfigurationProblem(
          "--auth oidc needs a client registration: set spring.security.oauth2.client.registration."
              + "<id>.client-id, .client-secret and .scope=openid,... and spring.security.oauth2.client."
              + "provider.<id>.issuer-uri (see README, Team setup)");
    }
    http.oauth2Login(Customizer.withDefaults());
    http.logout(Customizer.withDefaults());
    VaadinDefaultRequestCache cache = vaadinRequestCache.getIfAvailable();
    if (cache != null) {
      http.requestCache(c -> c.requestCache(cache)); // Vaadin's own requests are not where to return
    }
    // API clients and Vaadin's background requests get 401, not a redirect to the login page.
    http.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), notANavigation()));
  }

  private static RequestMatcher notANavigation() {
    return request -> {
      String accept = request.getHeader("Accept");
      return !"GET".equals(request.getMethod()) || accept == null || !accept.contains("text/html")
          || request.getRequestURI().startsWith("/api/") || request.getRequestURI().startsWith("/actuator/");
    };
  }

  private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
    CorsConfiguration api = new CorsConfiguration();
    api.setAllowedOrigins(origins);
    api.setAllowedMethods(List.of("GET", "HEAD", "OPTIONS"));
    api.setAllowedHeaders(List.of("Authorization", "Last-Event-ID", "Cache-Control"));
    api.setAllowCredentials(true);
    api.setMaxAge(Duration.ofHours(1));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/api/**", api);
    return source;
  }
}
