package dev.runboard.eventlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A local log file that counts the bytes read from it and the handles open on it. */
public final class CountingLogFile implements LogFileSource {
  private final LogFileSource local;
  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicInteger openHandles = new AtomicInteger();
  private final AtomicInteger opens = new AtomicInteger();

  public CountingLogFile(Path file) {
    this.local = LogFileSource.local(file);
  }

  public long bytesRead() {
    return bytesRead.get();
  }

  public int openHandles() {
    return openHandles.get();
  }

  public int opens() {
    return opens.get();
  }

  @Override
  public Path path() {
    return local.path();
  }

  @Override
  public LogFileHandle open() throws IOException {
    LogFileHandle handle = local.open();
    opens.incrementAndGet();
    openHandles.incrementAndGet();
    return new LogFileHandle() {
      @Override
      public long size() throws IOException {
        return handle.size();
      }

      @Override
      public int read(ByteBuffer dst, long position) throws IOException {
        int read = handle.read(dst, position);
        if (read > 0) {
          bytesRead.addAndGet(read);
        }
        return read;
      }

      @Override
      public Object identity() {
        return handle.identity();
      }

      @Override
      public void close() throws IOException {
        openHandles.decrementAndGet();
        handle.close();
      }
    };
  }
}
