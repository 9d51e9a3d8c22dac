package dev.runboard.eventlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.message.MessageMetadataResult;

/**
 * The framing of one Arrow IPC stream message at a byte offset, read from untrusted bytes: every
 * length is checked against the bytes the file holds and the reader's limit before anything of
 * that size is allocated. Holds the prefix and the parsed metadata, not the body.
 *
 * <p>A message is {@code 0xFFFFFFFF}, an int32 little-endian metadata length, the flatbuffer
 * {@code Message} (padded to 8 bytes), then the body; a metadata length of 0 is the end-of-stream
 * marker.
 */
final class ArrowFrame {
  static final int PREFIX_BYTES = 8;
  private static final int CONTINUATION = 0xFFFFFFFF;
  /** Runboard's metadata is a few kilobytes; anything near this is garbage, not a header. */
  static final int MAX_METADATA_BYTES = 16 << 20;

  enum Kind {
    MESSAGE,
    END_OF_STREAM,
    /** The file does not hold all of the prefix or the metadata yet. */
    INCOMPLETE
  }

  private final Kind kind;
  private final long offset;
  private final int metadataLength;
  private final MessageMetadataResult metadata;
  private final long bodyLength;

  private ArrowFrame(Kind kind, long offset, int metadataLength, MessageMetadataResult metadata, long bodyLength) {
    this.kind = kind;
    this.offset = offset;
    this.metadataLength = metadataLength;
    this.metadata = metadata;
    this.bodyLength = bodyLength;
  }

  /**
   * Reads the framing of the message at {@code offset} of a file {@code size} bytes long.
   *
   * @throws DamagedLogException when the bytes there cannot be a message
   */
  static ArrowFrame read(TailedFile file, long offset, long size, long maxRecordBytes) throws IOException {
    long available = size - offset;
    if (available < PREFIX_BYTES) {
      return new ArrowFrame(Kind.INCOMPLETE, offset, -1, null, 0);
    }
    ByteBuffer prefix = ByteBuffer.allocate(PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    file.readFully(prefix, offset);
    int continuation = prefix.getInt(0);
    int metadataLength = prefix.getInt(4);
    if (continuation != CONTINUATION) {
      throw new DamagedLogException(
          file, offset,
          "not an Arrow IPC stream message at byte " + offset
              + (offset == 0 ? " (not a Runboard event log)" : ""));
    }
    if (metadataLength == 0) {
      return new ArrowFrame(Kind.END_OF_STREAM, offset, 0, null, 0);
    }
    if (metadataLength < 0 || metadataLength > Math.min(MAX_METADATA_BYTES, maxRecordBytes)) {
      throw new DamagedLogException(
          file, offset,
          "implausible message length " + metadataLength + " at byte " + offset + " (the limit is "
              + Math.min(MAX_METADATA_BYTES, maxRecordBytes) + " bytes)");
    }
    if (available < PREFIX_BYTES + (long) metadataLength) {
      return new ArrowFrame(Kind.INCOMPLETE, offset, metadataLength, null, 0);
    }
    ByteBuffer bytes = ByteBuffer.allocate(metadataLength);
    file.readFully(bytes, offset + PREFIX_BYTES);
    bytes.flip();
    try {
      MessageMetadataResult metadata = MessageMetadataResult.create(bytes, metadataLength);
      long bodyLength = metadata.getMessageBodyLength();
      metadata.headerType(); // parses the header: garbage fails here rather than later
      if (bodyLength < 0) {
        throw new DamagedLogException(file, offset, "negative message body length at byte " + offset);
      }
      return new ArrowFrame(Kind.MESSAGE, offset, metadataLength, metadata, bodyLength);
    } catch (RuntimeException e) {
      throw new DamagedLogException(file, offset, "unreadable message at byte " + offset, e);
    }
  }

  Kind kind() {
    return kind;
  }

  /**
   * Bytes of the whole message (prefix, metadata, body); for an incomplete frame, the bytes it is
   * known to need so far (-1 when not even its prefix is there).
   */
  long totalLength() {
    if (kind == Kind.END_OF_STREAM) {
      return PREFIX_BYTES;
    }
    return metadataLength < 0 ? -1 : PREFIX_BYTES + (long) metadataLength + bodyLength;
  }

  long bodyLength() {
    return bodyLength;
  }

  MessageMetadataResult metadata() {
    return metadata;
  }

  byte headerType() {
    return metadata.headerType();
  }

  /** A deserializer that takes over the body's reference when it succeeds. */
  interface BodyConsumer<T> {
    T apply() throws IOException;
  }

  /**
   * Runs a deserializer that takes over {@code body}'s reference (Arrow's {@code deserialize…Batch}
   * release it once their batch holds slices of it); if it fails first, frees the body itself, so
   * that a malformed message leaks no memory.
   */
  static <T> T freeOnFailure(ArrowBuf body, BodyConsumer<T> deserialize) throws IOException {
    try {
      return deserialize.apply();
    } catch (IOException | RuntimeException e) {
      int references = body.getReferenceManager().getRefCount();
      if (references > 0) {
        body.getReferenceManager().release(references);
      }
      throw e;
    }
  }

  /** Reads the body into a buffer of {@code allocator}; the caller has checked its length. */
  ArrowBuf readBody(TailedFile file, BufferAllocator allocator) throws IOException {
    ArrowBuf body = allocator.buffer(bodyLength);
    try {
      readBody(file, body);
      return body;
    } catch (IOException | RuntimeException e) {
      body.close();
      throw e;
    }
  }

  /** Reads the body into the first {@link #bodyLength()} bytes of {@code buffer}. */
  void readBody(TailedFile file, ArrowBuf buffer) throws IOException {
    file.readFully(buffer.nioBuffer(0, (int) bodyLength), offset + PREFIX_BYTES + metadataLength);
  }
}
