package dev.runboard.cli;

import dev.runboard.RunboardApplication;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

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
        "--runboard.logdir=" + options.logdir.toAbsolutePath().normalize(),
        "--server.port=" + options.port,
        "--server.address=" + options.host));
    if (options.maxMemory != null) {
      try {
        DataSize size = DataSize.parse(options.maxMemory.trim().toUpperCase(java.util.Locale.ROOT));
        if (size.toBytes() <= 0) {
          throw new IllegalArgumentException("not positive");
        }
        arguments.add("--runboard.index.max-bytes=" + size.toBytes() + "B");
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(),
            "--max-memory must be a size such as 512MB or 2GB, was '" + options.maxMemory + "'");
      }
    }
    return new SpringApplicationBuilder(RunboardApplication.class).run(arguments.toArray(String[]::new));
  }

  /** Tells the user where to point the browser. */
  static void announce(ConfigurableApplicationContext context, ServerOptions options, PrintWriter out) {
    String host = options.host.contains(":") ? "[" + options.host + "]" : options.host;
    out.printf(
        "Runboard is serving %s at http://%s:%d/ (press CTRL+C to quit)%n",
        options.logdir.toAbsolutePath().normalize(),
        "0.0.0.0".equals(host) ? "localhost" : host,
        port(context));
    out.flush();
  }

  /** The port the server actually listens on (the chosen one when --port was 0). */
  static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }
}
