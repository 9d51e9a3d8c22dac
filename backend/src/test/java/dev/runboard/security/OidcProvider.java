package dev.runboard.security;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * A real OpenID Connect provider for tests: Spring Authorization Server in this JVM, on a random
 * loopback port, with Spring Boot's defaults (form login, OIDC discovery, signed ID tokens) and one
 * user. Clients are registered once their redirect URI (the relying party's port) is known.
 *
 * <p>Its issuer is {@code http://127.0.0.1:PORT}: a relying party served as {@code localhost} then
 * keeps its own cookies apart from the provider's (cookies ignore the port).
 */
public final class OidcProvider implements AutoCloseable {
  public static final String USER = "ada";
  public static final String PASSWORD = "ada's provider password";

  private final ConfigurableApplicationContext context;

  private OidcProvider(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static OidcProvider start() {
    ConfigurableApplicationContext context = new SpringApplicationBuilder(Beans.class)
        .properties(Map.of(
            // Not Runboard's application.properties: this is another application.
            "spring.config.name", "oidc-provider-none",
            "server.port", "0",
            "server.address", "127.0.0.1",
            "spring.main.banner-mode", "off"))
        .run();
    return new OidcProvider(context);
  }

  /** The issuer URI, where {@code /.well-known/openid-configuration} is. */
  public URI issuer() {
    return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
  }

  /** Registers an authorization-code client (secret sent as HTTP Basic) with one redirect URI. */
  public void register(String clientId, String secret, String redirectUri) {
    context.getBean(RegisteredClientRepository.class).save(RegisteredClient.withId(UUID.randomUUID().toString())
        .clientId(clientId)
        .clientSecret("{noop}" + secret)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri(redirectUri)
        .scope(OidcScopes.OPENID)
        .scope(OidcScopes.PROFILE)
        .build());
  }

  @Override
  public void close() {
    context.close();
  }

  /**
   * The provider's beans. Deliberately not a {@code @Configuration}: Runboard's component scan
   * (package dev.runboard) must not pick it up in other tests. Only the auto-configuration an
   * authorization server needs, not the whole classpath's (Vaadin, Runboard's own).
   */
  @ImportAutoConfiguration({
    PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
    SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
    OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class
  })
  static class Beans {
    @Bean
    UserDetailsService users() {
      return new InMemoryUserDetailsManager(User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build());
    }

    @Bean
    RegisteredClientRepository clients() {
      return new Clients();
    }
  }

  /** Clients in memory, added after startup (Spring's in-memory repository wants them up front). */
  private static final class Clients implements RegisteredClientRepository {
    private final Map<String, RegisteredClient> byId = new ConcurrentHashMap<>();

    @Override
    public void save(RegisteredClient client) {
      byId.put(client.getId(), client);
    }

    @Override
    public RegisteredClient findById(String id) {
      return byId.get(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
      return byId.values().stream().filter(c -> c.getClientId().equals(clientId)).findFirst().orElse(null);
    }
  }
}
