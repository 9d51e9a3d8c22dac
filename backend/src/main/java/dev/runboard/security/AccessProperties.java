package dev.runboard.security;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use the dashboard and from where ({@code runboard.security.*}).
 *
 * @param auth how users are asked ({@code --auth}); {@code none} only on loopback addresses
 * @param token the token for {@code token} authentication ({@code $RUNBOARD_TOKEN}); empty: a
 *     random one per start
 * @param usersFile for {@code basic}: lines {@code user:bcrypt-hash}
 * @param publicUrl the URL users open ({@code --public-url}); its host name is an allowed Host
 * @param allowedHosts further Host header names to accept (besides localhost, loopback and this
 *     machine's addresses, the bind address and the public URL's host)
 * @param corsOrigins origins whose pages may call the API ({@code --cors-origin}); none by default
 */
@ConfigurationProperties("runboard.security")
public record AccessProperties(
    @DefaultValue("none") AuthMode auth,
    String token,
    Path usersFile,
    URI publicUrl,
    @DefaultValue List<String> allowedHosts,
    @DefaultValue List<String> corsOrigins) {}
