package dev.runboard.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --logdir} of the commands that read a logdir once and exit (export, inspect): unlike the
 * server, which waits for a logdir to appear, they have nothing to do without one.
 */
final class ExistingLogdirOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--logdir",
      paramLabel = "DIR",
      defaultValue = "${env:RUNBOARD_LOGDIR:-./runs}",
      description = "Directory whose sub-directories are runs (default: $RUNBOARD_LOGDIR, else ./runs).")
  Path logdir;

  /** The logdir, or a usage error (exit status 2) when it is not a directory. */
  Path require() {
    if (!Files.isDirectory(logdir)) {
      throw new ParameterException(mixee.commandLine(), "--logdir " + logdir + " is not a directory");
    }
    return logdir;
  }
}
