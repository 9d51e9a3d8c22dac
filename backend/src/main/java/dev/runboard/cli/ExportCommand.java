package dev.runboard.cli;

import dev.runboard.export.CsvExport;
import dev.runboard.logdir.Logdir;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Print every scalar point of every run as CSV on standard output:",
      "run,tag,step,wall_time,value"
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ExistingLogdirOption logdirOption;

  @Override
  public Integer call() throws IOException {
    Path logdir = logdirOption.require();
    PrintWriter out = spec.commandLine().getOut();
    try (Logdir index = new Logdir(logdir)) {
      index.scan();
      index.read();
      CsvExport.write(index, out);
    }
    if (out.checkError()) {
      // Standard output closed early (e.g. piped into `head`): not worth a stack trace.
      return 1;
    }
    return 0;
  }
}
