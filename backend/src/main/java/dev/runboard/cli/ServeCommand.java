package dev.runboard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the dashboard for an existing log directory.",
      "Runs and data that appear while it runs are shown live."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerOptions server;

  @Override
  public Integer call() {
    DashboardServer.announce(DashboardServer.start(server, spec), server, spec.commandLine().getOut());
    return 0;
  }
}
