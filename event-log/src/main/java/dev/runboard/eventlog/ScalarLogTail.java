package dev.runboard.eventlog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageMetadataResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Follows one scalar log file while a writer may still be appending to it.
 *
 * <p>Reads message by message from the byte offset where the previous {@link #poll()} stopped, and
 * only advances past a message once it has been read whole. A message cut short (the writer is in
 * the middle of it, or was killed there) is simply tried again once the file has grown, so every
 * complete batch is returned exactly once.
 */
public final class ScalarLogTail implements EventFileTail {
  /** Every IPC message starts with a continuation token 0xFFFFFFFF and its metadata length. */
  private static final int PREFIX_BYTES = 8;

  private static final int CONTINUATION = 0xFFFFFFFF;
  /** Our metadata is a few hundred bytes; anything near this is garbage, not a real header. */
  private static final int MAX_METADATA_BYTES = 16 << 20;

  private final ByteBuffer prefix = ByteBuffer.allocate(PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN);

  private final Path file;
  private final FileChannel channel;
  private final BufferAllocator allocator;
  private VectorSchemaRoot root;
  private long offset;
  private long sizeAtLastIncompleteRead = -1;
  private boolean ended;
  private EventLogFormatException failure;

  public ScalarLogTail(Path file) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.allocator = new RootAllocator();
  }

  @Override
  public Path file() {
    return file;
  }

  /** True once the writer closed the stream cleanly: no more rows will ever appear. */
  public boolean ended() {
    return ended;
  }

  /** Bytes of the file consumed so far (all complete messages). */
  public long offset() {
    return offset;
  }

  /**
   * Returns the rows of every record batch completed since the last call, in file order.
   *
   * @throws EventLogFormatException when the file is not a Runboard scalar log, or is corrupt
   *     where the next message should start. Rows before the damage are returned first: the
   *     error comes with the next call, and with every call after it.
   */
  @Override
  public List<ScalarEvent> poll() throws IOException {
    if (failure != null) {
      throw failure;
    }
    List<ScalarEvent> events = new ArrayList<>();
    if (ended) {
      return events;
    }
    try {
      readAvailable(events);
    } catch (EventLogFormatException e) {
      failure = e;
      if (events.isEmpty()) {
        throw e;
      }
    }
    return events;
  }

  private void readAvailable(List<ScalarEvent> events) throws IOException {
    long size = channel.size();
    if (size == sizeAtLastIncompleteRead) {
      return; // nothing new since we last stopped at a partial message
    }
    while (offset < size) {
      // Check the 8-byte message prefix ourselves, so that "not written yet" and "corrupt" are
      // told apart before Arrow parses anything.
      if (size - offset < PREFIX_BYTES) {
        sizeAtLastIncompleteRead = size;
        return;
      }
      prefix.clear();
      channel.read(prefix, offset);
      prefix.flip();
      int continuation = prefix.getInt();
      int metadataLength = prefix.getInt();
      if (continuation != CONTINUATION) {
        throw new EventLogFormatException(
            file + ": not an Arrow IPC stream message at byte " + offset);
      }
      if (metadataLength == 0) {
        ended = true; // end-of-stream marker: the writer closed the file
        return;
      }
      if (metadataLength < 0 || metadataLength > MAX_METADATA_BYTES) {
        throw new EventLogFormatException(
            file + ": implausible message length " + metadataLength + " at byte " + offset);
      }
      if (size - offset < PREFIX_BYTES + (long) metadataLength) {
        sizeAtLastIncompleteRead = size;
        return;
      }
      channel.position(offset);
      ReadChannel in = new ReadChannel(channel);
      MessageMetadataResult message;
      try {
        message = MessageSerializer.readMessage(in);
      } catch (IOException | RuntimeException e) {
        throw new EventLogFormatException(file + ": unreadable message at byte " + offset, e);
      }
      if (message == null) {
        throw new EventLogFormatException(file + ": unreadable message at byte " + offset);
      }
      if (offset + in.bytesRead() + message.getMessageBodyLength() > size) {
        sizeAtLastIncompleteRead = size;
        return;
      }
      if (root == null) {
        openSchema(message);
      } else {
        readBatch(message, in, events);
      }
      offset += in.bytesRead();
    }
  }

  private void openSchema(MessageMetadataResult message) throws IOException {
    if (message.getMessage().headerType() != MessageHeader.Schema) {
      throw new EventLogFormatException(file + ": stream does not start with a schema (offset 0)");
    }
    Schema schema = MessageSerializer.deserializeSchema(message.getMessage());
    ScalarSchema.check(schema, file);
    root = VectorSchemaRoot.create(schema, allocator);
  }

  private void readBatch(MessageMetadataResult message, ReadChannel in, List<ScalarEvent> out)
      throws IOException {
    byte type = message.getMessage().headerType();
    if (type != MessageHeader.RecordBatch) {
      throw new EventLogFormatException(
          file + ": unexpected message type " + MessageHeader.name(type) + " at byte " + offset);
    }
    ArrowBuf body = MessageSerializer.readMessageBody(in, message.getMessageBodyLength(), allocator);
    // deserializeRecordBatch takes over the body's reference: closing the batch frees it.
    try (ArrowRecordBatch batch = MessageSerializer.deserializeRecordBatch(message.getMessage(), body)) {
      new VectorLoader(root).load(batch);
      VarCharVector tags = (VarCharVector) root.getVector(ScalarSchema.TAG);
      BigIntVector steps = (BigIntVector) root.getVector(ScalarSchema.STEP);
      Float8Vector wallTimes = (Float8Vector) root.getVector(ScalarSchema.WALL_TIME);
      Float8Vector values = (Float8Vector) root.getVector(ScalarSchema.VALUE);
      int rows = root.getRowCount();
      String previousTag = null;
      byte[] previousBytes = null;
      for (int i = 0; i < rows; i++) {
        byte[] tagBytes = tags.get(i);
        // Consecutive rows usually share a tag: decode it once.
        if (previousBytes == null || !Arrays.equals(previousBytes, tagBytes)) {
          previousBytes = tagBytes;
          previousTag = new String(tagBytes, StandardCharsets.UTF_8);
        }
        out.add(new ScalarEvent(previousTag, steps.get(i), wallTimes.get(i), values.get(i)));
      }
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new EventLogFormatException(file + ": malformed record batch at byte " + offset, e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (root != null) {
        root.close();
      }
      allocator.close();
    } finally {
      channel.close();
    }
  }
}
