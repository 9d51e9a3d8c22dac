package dev.runboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "runboard",
    mixinStandardHelpOptions = true,
    versionProvider = RunboardVersion.class,
    description = "Live training dashboard for TensorBoard-style log directories.",
    subcommands = {
      DemoCommand.class, ServeCommand.class, ExportCommand.class, InspectCommand.class,
      TrainCommand.class, ExportModelCommand.class, BenchCommand.class, HealthCommand.class
    },
    footer = {
      "",
      "Run 'runboard COMMAND --help' for the options of a command.",
      "The launcher script also has: runboard test (runs every test), runboard build."
    })
final class RunboardCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: choose one of demo, serve, export, inspect, train, export-model, bench, health");
  }
}
