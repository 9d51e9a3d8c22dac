package dev.runboard.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that start the dashboard server. */
final class ServerOptions {
  @Option(
      names = "--logdir",
      paramLabel = "DIR",
      defaultValue = "${env:RUNBOARD_LOGDIR:-./runs}",
      description = "Directory whose sub-directories are runs (default: $RUNBOARD_LOGDIR, else ./runs).")
  Path logdir;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "6006",
      description = "Port to serve on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "H",
      defaultValue = "127.0.0.1",
      description =
          "Address to bind; 0.0.0.0 serves every interface, e.g. for a team (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--max-memory",
      paramLabel = "SIZE",
      description =
          "Heap the index may hold, e.g. 2GB; beyond it, the least recently read series are evicted"
              + " and read again from their files (default: 40% of the heap, see -Xmx).")
  String maxMemory;
}
