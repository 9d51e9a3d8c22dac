package dev.runboard.cli;

import dev.runboard.RunboardApplication;
import java.io.PrintWriter;
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
    String[] arguments = {
      "--runboard.logdir=" + options.logdir.toAbsolutePath().normalize(),
      "--server.port=" + options.port,
      "--server.address=" + options.host
    };
    return new SpringApplicationBuilder(RunboardApplication.class).run(arguments);
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
