package dev.runboard.cli;

import dev.runboard.export.ArrowExport;
import dev.runboard.export.CsvExport;
import dev.runboard.index.IndexOptions;
import dev.runboard.logdir.LogdirBatch;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write every scalar point of every run to standard output, run by run, in constant memory:",
      "as CSV (run,tag,step,wall_time,value), or as one Arrow IPC stream (--format arrow) for",
      "notebooks (pyarrow.ipc.open_stream, Arrow JS tableFromIPC)."
    })
final class ExportCommand implements Callable<Integer> {
  enum Format {
    csv,
    arrow
  }

  @Spec CommandSpec spec;

  @Mixin ExistingLogdirOption logdirOption;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "csv",
      description = "csv or arrow (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output.")
  Path output;

  @Override
  public Integer call() throws IOException {
    try (ExistingLogdirOption.Listed logdir = logdirOption.list()) {
      return export(logdir.runs());
    }
  }

  private int export(LogdirBatch.Runs runs) throws IOException {
    IndexOptions options = IndexOptions.defaults().withLoaderThreads(1);
    if (output != null) {
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
        if (format == Format.arrow) {
          ArrowExport.write(runs, options, file);
        } else {
          Writer writer = new OutputStreamWriter(file, StandardCharsets.UTF_8);
          CsvExport.write(runs, options, writer);
          writer.flush();
        }
      }
      return 0;
    }
    if (format == Format.arrow) {
      // Binary: straight to the standard output's file descriptor, not through a Writer.
      OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
      try {
        ArrowExport.write(runs, options, out);
      } catch (IOException e) {
        return 1; // standard output closed early (a pipe into head)
      }
      return 0;
    }
    PrintWriter out = spec.commandLine().getOut();
    CsvExport.write(runs, options, out);
    if (out.checkError()) {
      // Standard output closed early (e.g. piped into `head`): not worth a stack trace.
      return 1;
    }
    return 0;
  }
}
