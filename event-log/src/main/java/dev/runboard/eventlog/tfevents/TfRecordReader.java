package dev.runboard.eventlog.tfevents;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads TFRecord framing incrementally from a file that may still be growing: each record is an
 * 8-byte little-endian length, the masked CRC32C of those 8 bytes, the payload, and the masked
 * CRC32C of the payload.
 *
 * <p>A record cut short (the writer is in the middle of it) is left alone and read once the file
 * has grown. A record whose payload checksum fails is reported and skipped: its length was
 * verified, so the next record is known to start right after it. A length whose checksum fails
 * cannot be trusted, so the reader reports it and scans forward, byte by byte, for the next
 * position holding a whole record with both checksums valid.
 *
 * <p>Not thread-safe: one tail uses it from one thread.
 */
final class TfRecordReader {
  static final int HEADER_BYTES = 12;
  static final int FOOTER_BYTES = 4;
  /** Reads are this large (or up to the end of the file), so small records cost no system call each. */
  private static final int READ_BYTES = 1 << 20;

  private final Path file;
  private final FileChannel channel;
  private final Consumer<TfRecordProblem> problems;

  /** Holds file bytes [bufferStart, bufferStart + buffer.limit()). */
  private ByteBuffer buffer = ByteBuffer.allocate(0);

  private long bufferStart;
  /** File offset of the next record (every byte before it has been consumed). */
  private long offset;
  /** Where a scan for the next valid record began, or -1 while the framing is intact. */
  private long resyncFrom = -1;
  /** File offset of the payload {@link #next()} returned last. */
  private long recordOffset;

  TfRecordReader(Path file, FileChannel channel, Consumer<TfRecordProblem> problems) {
    this.file = file;
    this.channel = channel;
    this.problems = problems;
  }

  /** Bytes consumed: everything before this offset has been returned or reported. */
  long offset() {
    return offset;
  }

  /** File offset of the record whose payload {@link #next()} returned last. */
  long recordOffset() {
    return recordOffset;
  }

  /**
   * The payload of the next complete record, as a view into an internal buffer valid until the
   * next call (position 0 of the returned buffer is the payload's first byte), or {@code null}
   * when no further complete record is in the file yet.
   */
  ByteBuffer next() throws IOException {
    // While scanning: the first position whose length checksum holds but whose record is not
    // all there yet. It may be the real next record, still being written, or bytes that pass the
    // length checksum by chance; a whole valid record further on proves the latter.
    long incompleteCandidate = -1;
    while (true) {
      if (!ensure(offset, HEADER_BYTES)) {
        if (incompleteCandidate >= 0) {
          offset = incompleteCandidate;
        }
        return null;
      }
      int at = (int) (offset - bufferStart);
      long length = buffer.getLong(at);
      int lengthCrc = buffer.getInt(at + 8);
      boolean headerValid =
          MaskedCrc32c.of(buffer.array(), at, 8) == lengthCrc
              && length >= 0
              && length <= Integer.MAX_VALUE - HEADER_BYTES - FOOTER_BYTES - 8;
      if (!headerValid) {
        if (resyncFrom < 0) {
          resyncFrom = offset;
          problems.accept(
              new TfRecordProblem(
                  file, offset, "record length checksum mismatch; scanning for the next record"));
        }
        offset++;
        continue;
      }
      int total = HEADER_BYTES + (int) length + FOOTER_BYTES;
      if (!ensure(offset, total)) {
        if (resyncFrom >= 0) {
          if (incompleteCandidate < 0) {
            incompleteCandidate = offset;
          }
          offset++;
          continue;
        }
        return null;
      }
      at = (int) (offset - bufferStart);
      int payloadCrc = buffer.getInt(at + HEADER_BYTES + (int) length);
      if (MaskedCrc32c.of(buffer.array(), at + HEADER_BYTES, (int) length) != payloadCrc) {
        if (resyncFrom >= 0) {
          // A header that only looks valid by chance while scanning: keep scanning.
          offset++;
          continue;
        }
        problems.accept(
            new TfRecordProblem(
                file, offset, "record payload checksum mismatch; skipped " + length + " bytes"));
        offset += total;
        continue;
      }
      if (resyncFrom >= 0) {
        problems.accept(
            new TfRecordProblem(
                file,
                offset,
                "resumed at a valid record after skipping " + (offset - resyncFrom) + " bytes"));
        resyncFrom = -1;
      }
      recordOffset = offset;
      offset += total;
      return buffer.slice(at + HEADER_BYTES, (int) length).order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  /**
   * Makes the buffer hold file bytes [position, position + count), reading as needed; false when
   * the file does not have them (yet). Reads up to {@link #READ_BYTES} ahead, never past the end.
   */
  private boolean ensure(long position, int count) throws IOException {
    long bufferEnd = bufferStart + buffer.limit();
    if (position >= bufferStart && position + count <= bufferEnd) {
      return true;
    }
    long size = channel.size();
    if (position + count > size) {
      return false;
    }
    int want = (int) Math.min(Math.max(count, READ_BYTES), size - position);
    int keep = position >= bufferStart ? (int) Math.max(0, bufferEnd - position) : 0;
    ByteBuffer target =
        buffer.capacity() >= want ? buffer : ByteBuffer.allocate(want).order(ByteOrder.LITTLE_ENDIAN);
    if (keep > 0) {
      System.arraycopy(buffer.array(), (int) (position - bufferStart), target.array(), 0, keep);
    }
    buffer = target;
    bufferStart = position;
    buffer.clear().position(keep);
    long filePosition = position + keep;
    while (buffer.position() < want) {
      int read = channel.read(buffer, filePosition);
      if (read <= 0) {
        break; // truncated under us: the caller sees too few bytes
      }
      filePosition += read;
    }
    buffer.flip();
    return buffer.limit() >= count;
  }

  /**
   * Drops the read buffer: a logdir may have thousands of idle files open, so none keeps memory
   * between polls. The next call reads again from {@link #offset()}.
   */
  void release() {
    buffer = ByteBuffer.allocate(0);
    bufferStart = offset;
  }
}
