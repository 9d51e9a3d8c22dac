package dev.runboard.cli;

import picocli.CommandLine;

/** Entry point of the {@code runboard} launcher and of the executable jar. */
public final class RunboardCli {
  private RunboardCli() {}

  public static void main(String[] args) {
    int exitCode = commandLine().execute(args);
    // serve and demo leave a running server behind them: only exit when something failed or the
    // command was a one-shot (its non-daemon threads are gone, so returning ends the JVM).
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  /**
   * The command tree; usage errors exit with 2, as picocli and most Unix tools do; a server that
   * cannot start for a reason the user can fix says why in one line and exits with 1.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new RunboardCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpAutoWidth(true)
        .setExecutionExceptionHandler((e, cli, parsed) -> {
          if (e instanceof StartupFailedException) {
            cli.getErr().println("runboard: " + e.getMessage());
            cli.getErr().flush();
            return 1;
          }
          throw e;
        });
  }
}
