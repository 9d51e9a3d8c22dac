package dev.runboard.eventlog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** An open log file: positional reads, no shared position, so one handle serves one reader. */
public interface LogFileHandle extends Closeable {
  /** The file's current size in bytes (it may be growing). */
  long size() throws IOException;

  /**
   * Reads up to {@code dst.remaining()} bytes at {@code position} into {@code dst}.
   *
   * @return bytes read, possibly fewer than asked; -1 at or past the end of the file
   */
  int read(ByteBuffer dst, long position) throws IOException;

  /**
   * What identifies the file itself, not its name: the file key (device and inode) for local
   * files; null when unknown. A different identity under the same name means the file was
   * replaced.
   */
  Object identity();
}
