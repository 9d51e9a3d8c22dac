package dev.runboard.eventlog.tfevents;

import dev.runboard.eventlog.EventLogFormatException;
import dev.runboard.eventlog.EventSource;
import dev.runboard.eventlog.FileTruncatedException;
import dev.runboard.eventlog.ProblemLog;
import dev.runboard.eventlog.TailedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads TFRecord framing incrementally from a file that may still be growing: each record is an
 * 8-byte little-endian length, the masked CRC32C of those 8 bytes, the payload, and the masked
 * CRC32C of the payload.
 *
 * <ul>
 *   <li>A record cut short is left alone while the file grows (the writer is in the middle of
 *       it), and read once it is whole.
 *   <li>A payload whose checksum fails is reported and skipped: its length was verified, so the
 *       next record is known to start right after it.
 *   <li>A record longer than {@code maxRecordBytes} is reported and skipped without being read.
 *   <li>A length whose checksum fails cannot be trusted: the reader reports it and scans forward,
 *       byte by byte, for the next position holding a whole record with both checksums valid.
 *   <li>A record whose (valid) header claims more bytes than the file holds, in a file that has
 *       not grown for the stall grace, is reported and scanned past the same way, so that the
 *       records after it are not hidden; if it does complete later, it is read after all.
 * </ul>
 *
 * <p>The scan remembers where it got to: a poll continues it, never restarts it, so damaged bytes
 * are read once, however many polls follow. While scanning, positions whose header is valid but
 * whose record is not whole yet are kept as candidates: the record being written may be one of
 * them. A whole valid record further on proves them to be chance matches inside the damage (a
 * writer appends), and reading resumes there.
 *
 * <p>Not thread-safe: one tail uses it from one thread.
 */
final class TfRecordReader {
  static final int HEADER_BYTES = 12;
  static final int FOOTER_BYTES = 4;
  /** Reads are this large (or up to the end of the file), so small records cost no system call each. */
  private static final int READ_BYTES = 1 << 20;
  /** Candidates kept while scanning; chance matches are one in 2^32 positions, so this is plenty. */
  private static final int MAX_CANDIDATES = 64;

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);

  private final TailedFile file;
  private final ProblemLog problems;
  private final long maxRecordBytes;

  /** Holds file bytes [bufferStart, bufferStart + buffer.limit()). */
  private ByteBuffer buffer = EMPTY;

  private long bufferStart;
  /** The file's size for this poll ({@link #begin()}). */
  private long size;
  /** File offset of the next record while the framing is intact. */
  private long offset;
  /** File offset and length of the record {@link #next()} returned last. */
  private long recordOffset;

  private long recordLength;
  /** Where the stall rule fired last, so a record is reported stalled once. */
  private long stallReportedAt = -1;

  // Resync scan: active while scanning.
  private boolean scanning;
  /** First byte of the damage, for the report. */
  private long scanFrom;
  /** Next position to test. */
  private long scanAt;
  /** Positions before {@link #scanAt} whose header is valid but whose record was not whole. */
  private final List<Candidate> candidates = new ArrayList<>();

  private record Candidate(long offset, long total) {}

  TfRecordReader(TailedFile file, ProblemLog problems) {
    this.file = file;
    this.problems = problems;
    this.maxRecordBytes = file.options().maxRecordBytes();
  }

  /**
   * Bytes consumed: every record before this offset has been returned or reported. While
   * scanning damaged bytes, the earliest position that may still turn out to be a record.
   */
  long offset() {
    if (!scanning) {
      return offset;
    }
    return candidates.isEmpty() ? scanAt : Math.min(scanAt, candidates.get(0).offset());
  }

  /** File offset of the record whose payload {@link #next()} returned last. */
  long recordOffset() {
    return recordOffset;
  }

  /** Length of the whole framed record {@link #next()} returned last. */
  long recordLength() {
    return recordLength;
  }

  /** Starts a poll: reads the file's size once (growth during the poll is for the next one). */
  void begin() throws IOException {
    size = file.size();
  }

  /**
   * The payload of the next complete record, as a view into an internal buffer valid until the
   * next call (position 0 of the returned buffer is the payload's first byte), or {@code null}
   * when no further complete record is in the file yet.
   */
  ByteBuffer next() throws IOException {
    while (true) {
      if (scanning && !resync()) {
        return null;
      }
      if (size - offset < HEADER_BYTES) {
        return null; // a header being written
      }
      ensure(offset, HEADER_BYTES);
      int at = (int) (offset - bufferStart);
      long length = buffer.getLong(at);
      if (!headerValid(at, length)) {
        startScan(offset, offset + 1);
        problems.report(offset, "record length checksum mismatch; scanning for the next record");
        continue;
      }
      long total = HEADER_BYTES + length + FOOTER_BYTES;
      if (size - offset < total) {
        if (stalled()) {
          problems.report(
              offset,
              "record at byte " + offset + " claims " + total + " bytes, file holds "
                  + (size - offset) + " after it (" + file.stallDescription()
                  + "); skipping, and scanning for the next record");
          startScan(offset, offset + 1);
          if (length <= maxRecordBytes) {
            candidates.add(new Candidate(offset, total)); // read after all if it completes
          }
          continue;
        }
        return null; // being written
      }
      if (length > maxRecordBytes) {
        problems.report(
            offset,
            "record at byte " + offset + " holds " + length + " bytes, over the limit of "
                + maxRecordBytes + " bytes; skipped");
        offset += total;
        continue;
      }
      ensure(offset, (int) total);
      at = (int) (offset - bufferStart);
      if (!payloadValid(at, (int) length)) {
        problems.report(offset, "record payload checksum mismatch; skipped " + length + " bytes");
        offset += total;
        continue;
      }
      recordOffset = offset;
      recordLength = total;
      offset += total;
      return buffer.slice(at + HEADER_BYTES, (int) length).order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  /** The stall rule, once per position: the record at {@link #offset} will not complete soon. */
  private boolean stalled() {
    if (stallReportedAt == offset || !file.stalled()) {
      return false;
    }
    stallReportedAt = offset;
    return true;
  }

  private void startScan(long from, long at) {
    scanning = true;
    scanFrom = from;
    scanAt = at;
    candidates.clear();
  }

  /**
   * Continues the scan; true once it found a whole valid record ({@link #offset} is then there),
   * false when it reached the end of what the file holds (it continues from there next time).
   */
  private boolean resync() throws IOException {
    for (int i = 0; i < candidates.size(); i++) {
      Candidate candidate = candidates.get(i);
      if (size - candidate.offset() < candidate.total()) {
        continue; // still not whole: may be the record being written
      }
      ensure(candidate.offset(), (int) candidate.total());
      int at = (int) (candidate.offset() - bufferStart);
      if (payloadValid(at, (int) (candidate.total() - HEADER_BYTES - FOOTER_BYTES))) {
        resumeAt(candidate.offset());
        return true;
      }
      candidates.remove(i--); // whole now, but not a record
    }
    while (size - scanAt >= HEADER_BYTES) {
      ensure(scanAt, HEADER_BYTES);
      int at = (int) (scanAt - bufferStart);
      long length = buffer.getLong(at);
      // Oversized headers are not taken while scanning: they cannot be verified without reading
      // them whole, and a chance match would hide everything it claims to span.
      if (headerValid(at, length) && length <= maxRecordBytes) {
        long total = HEADER_BYTES + length + FOOTER_BYTES;
        if (size - scanAt >= total) {
          ensure(scanAt, (int) total);
          at = (int) (scanAt - bufferStart);
          if (payloadValid(at, (int) length)) {
            resumeAt(scanAt);
            return true;
          }
        } else if (candidates.size() < MAX_CANDIDATES) {
          candidates.add(new Candidate(scanAt, total));
        }
      }
      scanAt++;
    }
    return false;
  }

  private void resumeAt(long position) {
    problems.report(
        position,
        position == scanFrom
            ? "the record at byte " + position + " is whole after all; reading resumed there"
            : "resumed at a valid record after skipping " + (position - scanFrom) + " bytes");
    scanning = false;
    candidates.clear();
    offset = position;
  }

  private boolean headerValid(int at, long length) {
    return length >= 0
        && length <= Integer.MAX_VALUE - HEADER_BYTES - FOOTER_BYTES - 8
        && MaskedCrc32c.of(buffer.array(), at, 8) == buffer.getInt(at + 8);
  }

  private boolean payloadValid(int at, int length) {
    return MaskedCrc32c.of(buffer.array(), at + HEADER_BYTES, length)
        == buffer.getInt(at + HEADER_BYTES + length);
  }

  /**
   * Makes the buffer hold file bytes [position, position + count), which the caller checked are
   * within {@link #size}. Reads up to {@link #READ_BYTES} ahead, never past the size.
   */
  private void ensure(long position, int count) throws IOException {
    long bufferEnd = bufferStart + buffer.limit();
    if (position >= bufferStart && position + count <= bufferEnd) {
      return;
    }
    int want = (int) Math.min(Math.max(count, READ_BYTES), size - position);
    int keep =
        position >= bufferStart && position < bufferEnd ? (int) (bufferEnd - position) : 0;
    ByteBuffer target =
        buffer.capacity() >= want ? buffer : ByteBuffer.allocate(want).order(ByteOrder.LITTLE_ENDIAN);
    if (keep > 0) {
      System.arraycopy(buffer.array(), (int) (position - bufferStart), target.array(), 0, keep);
    }
    buffer = target;
    bufferStart = position;
    buffer.clear().position(keep).limit(want);
    file.readFully(buffer, position + keep);
    buffer.flip();
  }

  /**
   * Reads the one whole record at {@code source} (offset and length of the framed record) and
   * returns its payload, both checksums verified; nothing is read beyond the record, and nothing
   * larger than {@code maxRecordBytes} is allocated.
   *
   * @throws EventLogFormatException when no such record is there
   */
  static byte[] readOne(TailedFile file, EventSource source) throws IOException {
    long size = file.size();
    long length = source.length() - HEADER_BYTES - FOOTER_BYTES;
    String where = file.path() + ": no record of " + source.length() + " bytes at byte " + source.offset();
    if (source.offset() + source.length() > size) {
      throw new FileTruncatedException(
          where + " (the file holds " + size + " bytes): read it again from the start");
    }
    if (length < 0) {
      throw new EventLogFormatException(where + ": too short for a record");
    }
    if (length > file.options().maxRecordBytes()) {
      throw new EventLogFormatException(
          where + ": over the limit of " + file.options().maxRecordBytes() + " bytes");
    }
    ByteBuffer record = ByteBuffer.allocate((int) source.length()).order(ByteOrder.LITTLE_ENDIAN);
    file.readFully(record, source.offset());
    byte[] bytes = record.array();
    if (MaskedCrc32c.of(bytes, 0, 8) != record.getInt(8) || record.getLong(0) != length) {
      throw new EventLogFormatException(where + " (its header does not match)");
    }
    if (MaskedCrc32c.of(bytes, HEADER_BYTES, (int) length) != record.getInt(HEADER_BYTES + (int) length)) {
      throw new EventLogFormatException(where + " (payload checksum mismatch)");
    }
    return Arrays.copyOfRange(bytes, HEADER_BYTES, HEADER_BYTES + (int) length);
  }

  /**
   * Drops the read buffer: a logdir may have thousands of idle files open, so none keeps memory
   * between polls. The next poll reads again from {@link #offset()}.
   */
  void release() {
    buffer = EMPTY;
    bufferStart = 0;
  }
}
