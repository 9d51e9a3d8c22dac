package dev.runboard.eventlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/** A log file on the local file system. */
final class LocalLogFile implements LogFileSource {
  private final Path path;

  LocalLogFile(Path path) {
    this.path = path;
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public LogFileHandle open() throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      // Read right after opening: a file replaced in between would go unnoticed until the next
      // reopen, a window too small to matter for logs that are renamed into place rarely.
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      return new Handle(channel, key);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }

  private static final class Handle implements LogFileHandle {
    private final FileChannel channel;
    private final Object identity;

    Handle(FileChannel channel, Object identity) {
      this.channel = channel;
      this.identity = identity;
    }

    @Override
    public long size() throws IOException {
      return channel.size();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return channel.read(dst, position);
    }

    @Override
    public Object identity() {
      return identity;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
