package dev.runboard.cli;

import dev.runboard.RunboardApplication;
import dev.runboard.logdir.LogdirSource;
import dev.runboard.security.AccessToken;
import dev.runboard.security.BindAddress;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Starts the Spring Boot service for {@code serve} and {@code demo}. */
final class DashboardServer {
  private DashboardServer() {}

  static ConfigurableApplicationContext start(ServerOptions options, CommandSpec spec) {
    if (options.port < 0 || options.port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, was " + options.port);
    }
    // As command-line arguments these outrank application.properties and the environment, as the
    // user's flags should.
    List<String> arguments = new ArrayList<>(List.of(
        "--server.port=" + options.port,
        "--server.address=" + options.host));
    try {
      if (options.logdirSpec != null) {
        LogdirSource.parseSpec(options.logdirSpec);
        arguments.add("--runboard.logdir-spec=" + options.logdirSpec);
      } else {
        LogdirSource source = LogdirSource.of(options.logdir);
        arguments.add("--runboard.logdir=" + (source.isS3() ? options.logdir : source.directory()));
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), (options.logdirSpec != null ? "--logdir_spec: " : "--logdir: ") + e.getMessage());
    }
    if (options.s3 != null && options.s3.endpoint != null) {
      arguments.add("--runboard.s3.endpoint=" + options.s3.endpoint);
    }
    security(options, spec, arguments);
    if (options.maxMemory != null) {
      try {
        DataSize size = DataSize.parse(options.maxMemory.trim().toUpperCase(Locale.ROOT));
        if (size.toBytes() <= 0) {
          throw new IllegalArgumentException("not positive");
        }
        arguments.add("--runboard.index.max-bytes=" + size.toBytes() + "B");
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(),
            "--max-memory must be a size such as 512MB or 2GB, was '" + options.maxMemory + "'");
      }
    }
    try {
      return new SpringApplicationBuilder(RunboardApplication.class).run(arguments.toArray(String[]::new));
    } catch (RuntimeException e) {
      throw StartupFailedException.explain(e);
    }
  }

  /** --auth, --users-file, --public-url, --cors-origin, --tls-cert/--tls-key, checked as usage. */
  private static void security(ServerOptions options, CommandSpec spec, List<String> arguments) {
    ServerOptions.Auth auth = options.auth == null ? ServerOptions.Auth.none : options.auth;
    if (auth == ServerOptions.Auth.none && !BindAddress.isLoopback(options.host)) {
      throw new ParameterException(spec.commandLine(),
          "--host " + options.host + " makes the dashboard reachable from other machines: choose who may"
              + " use it with --auth token (a random token, printed with the URL; $RUNBOARD_TOKEN fixes it),"
              + " --auth basic --users-file FILE, or --auth oidc; or keep --host 127.0.0.1");
    }
    arguments.add("--runboard.security.auth=" + auth);
    if (auth == ServerOptions.Auth.basic) {
      if (options.usersFile == null) {
        throw new ParameterException(spec.commandLine(), "--auth basic needs --users-file FILE (lines 'name:bcrypt-hash')");
      }
      if (!Files.isReadable(options.usersFile)) {
        throw new ParameterException(spec.commandLine(), "--users-file " + options.usersFile + " cannot be read");
      }
      arguments.add("--runboard.security.users-file=" + options.usersFile.toAbsolutePath());
    } else if (options.usersFile != null) {
      throw new ParameterException(spec.commandLine(), "--users-file is for --auth basic");
    }
    if (options.publicUrl != null) {
      if (options.publicUrl.getHost() == null || options.publicUrl.getScheme() == null) {
        throw new ParameterException(spec.commandLine(), "--public-url must be a URL such as https://runboard.example.org/, was " + options.publicUrl);
      }
      arguments.add("--runboard.security.public-url=" + options.publicUrl);
    }
    if (options.corsOrigins != null && !options.corsOrigins.isEmpty()) {
      arguments.add("--runboard.security.cors-origins=" + String.join(",", options.corsOrigins));
    }
    if ((options.tlsCert == null) != (options.tlsKey == null)) {
      throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
    }
    if (options.tlsCert != null) {
      for (var file : List.of(options.tlsCert, options.tlsKey)) {
        if (!Files.isReadable(file)) {
          throw new ParameterException(spec.commandLine(), file + " cannot be read");
        }
      }
      // A Spring Boot SSL bundle from the PEM files.
      arguments.add("--spring.ssl.bundle.pem.runboard.keystore.certificate=file:" + options.tlsCert.toAbsolutePath());
      arguments.add("--spring.ssl.bundle.pem.runboard.keystore.private-key=file:" + options.tlsKey.toAbsolutePath());
      arguments.add("--server.ssl.bundle=runboard");
    }
  }

  /** Tells the user where to point the browser (with the token, when there is one). */
  static void announce(ConfigurableApplicationContext context, ServerOptions options, PrintWriter out) {
    String url;
    if (options.publicUrl != null) {
      url = options.publicUrl.toString();
    } else {
      String host = BindAddress.isWildcard(options.host) ? "localhost" : options.host;
      host = host.contains(":") ? "[" + host + "]" : host;
      url = (options.tlsCert != null ? "https" : "http") + "://" + host + ":" + port(context) + "/";
    }
    AccessToken token = context.getBeanProvider(AccessToken.class).getIfAvailable();
    if (token != null) {
      url += (url.contains("?") ? "&" : "?") + "token=" + token.value();
    }
    out.printf("Runboard is serving %s at %s (press CTRL+C to quit)%n", options.describeLogdir(), url);
    out.flush();
  }

  /** The port the server actually listens on (the chosen one when --port was 0). */
  static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }
}
