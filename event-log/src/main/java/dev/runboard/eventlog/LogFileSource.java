package dev.runboard.eventlog;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens the bytes of a log file. {@link #local(Path)} reads a local file; the interface is the
 * seam for other stores (object storage read with ranged GETs).
 */
public interface LogFileSource {
  /** The file's name, as problems and errors report it and as formats are recognised by. */
  Path path();

  /** Opens the file for reading; each call returns a new handle. */
  LogFileHandle open() throws IOException;

  /** A local file, read through a {@link java.nio.channels.FileChannel}. */
  static LogFileSource local(Path file) {
    return new LocalLogFile(file);
  }
}
