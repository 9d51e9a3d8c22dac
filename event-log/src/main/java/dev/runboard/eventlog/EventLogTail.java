package dev.runboard.eventlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageMetadataResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Follows one Runboard event log segment file (format version 1, any kind) while a writer may
 * still be appending to it.
 *
 * <p>Reads message by message from the byte offset where the previous {@link #poll()} stopped, and
 * only advances past a message once it has been read whole. A message cut short (the writer is in
 * the middle of it, or was killed there) is left for a later poll and reported by {@link
 * #tornTail()}; once the file has grown to hold it, it is read like any other. So every complete
 * batch is returned exactly once, in file order.
 */
public final class EventLogTail implements EventFileTail {
  /** Every IPC message starts with a continuation token 0xFFFFFFFF and its metadata length. */
  private static final int PREFIX_BYTES = 8;

  private static final int CONTINUATION = 0xFFFFFFFF;
  /** Our metadata is at most a few kilobytes; anything near this is garbage, not a header. */
  private static final int MAX_METADATA_BYTES = 16 << 20;

  private final ByteBuffer prefix = ByteBuffer.allocate(PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN);

  private final Path file;
  private final FileChannel channel;
  private final BufferAllocator allocator;
  private EventKind kind;
  private Map<String, String> metadata = Map.of();
  private EventCodec codec;
  private VectorSchemaRoot root;
  private VectorSchemaRoot dictionaryRoot;
  private final List<String> dictionary = new ArrayList<>();
  private long offset;
  private long size;
  private long sizeAtLastIncompleteRead = -1;
  private boolean ended;
  private EventLogFormatException failure;

  public EventLogTail(Path file) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.allocator = new RootAllocator();
  }

  @Override
  public Path file() {
    return file;
  }

  /** The kind of events in the file; null until the schema has been read. */
  public EventKind kind() {
    return kind;
  }

  /** The writer session that wrote the file (schema metadata); null until the schema is read. */
  public String session() {
    return metadata.get(EventSchemas.SESSION_KEY);
  }

  /** True once the writer closed the stream cleanly: no more rows will ever appear. */
  public boolean ended() {
    return ended;
  }

  /** Bytes of the file consumed so far (all complete messages). */
  public long offset() {
    return offset;
  }

  @Override
  public Optional<String> tornTail() {
    if (ended || failure != null || size <= offset) {
      return Optional.empty();
    }
    return Optional.of(
        file + ": incomplete record of " + (size - offset) + " bytes at byte " + offset
            + " (the writer is writing it, or was killed while writing it)");
  }

  /**
   * Returns the events of every record batch completed since the last call, in file order.
   *
   * @throws EventLogFormatException when the file is not a Runboard event log of a version this
   *     reader knows, or is corrupt where the next message should start; the message names the
   *     file and byte offset. Events before the damage are returned first: the error comes with
   *     the next call, and with every call after it.
   */
  @Override
  public List<LogEvent> poll() throws IOException {
    List<LogEvent> events = new ArrayList<>();
    read(
        events::isEmpty,
        root -> {
          int before = events.size();
          try {
            codec.decode(root, dictionary, events);
          } catch (RuntimeException e) {
            events.subList(before, events.size()).clear(); // a batch is returned whole or not at all
            throw e;
          }
        });
    return events;
  }

  /**
   * Like {@link #poll()} for a scalar segment, but each record batch comes as primitive columns
   * instead of an object per row: several times faster for bulk reads.
   *
   * @throws IllegalStateException when the file holds another kind of event
   */
  public List<ScalarBatch> pollScalarBatches() throws IOException {
    List<ScalarBatch> batches = new ArrayList<>();
    read(
        batches::isEmpty,
        root -> {
          if (kind != EventKind.SCALAR) {
            throw new WrongKind(file + " holds " + kind.fileName() + " events, not scalars");
          }
          batches.add(ScalarCodec.columns(root, dictionary));
        });
    return batches;
  }

  /** Asking a non-scalar file for scalar batches: a programming error, not a corrupt file. */
  private static final class WrongKind extends IllegalStateException {
    WrongKind(String message) {
      super(message);
    }
  }

  /** Receives each record batch read, loaded into the root; throws when its rows are invalid. */
  private interface BatchSink {
    void accept(VectorSchemaRoot root);
  }

  private interface Empty {
    boolean get();
  }

  private void read(Empty nothingReadYet, BatchSink sink) throws IOException {
    if (failure != null) {
      throw failure;
    }
    if (ended) {
      return;
    }
    try {
      readAvailable(sink);
    } catch (EventLogFormatException e) {
      failure = e;
      if (nothingReadYet.get()) {
        throw e;
      }
    }
  }

  private void readAvailable(BatchSink sink) throws IOException {
    size = channel.size();
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
            file + ": not an Arrow IPC stream message at byte " + offset
                + (offset == 0 ? " (not a Runboard event log)" : ""));
      }
      if (metadataLength == 0) {
        ended = true; // end-of-stream marker: the writer closed the file
        offset += PREFIX_BYTES;
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
      long bodyLength = message.getMessageBodyLength();
      if (bodyLength < 0 || offset + in.bytesRead() + bodyLength > size) {
        if (bodyLength < 0) {
          throw new EventLogFormatException(
              file + ": negative message body length at byte " + offset);
        }
        sizeAtLastIncompleteRead = size;
        return;
      }
      try {
        if (root == null) {
          openSchema(message);
        } else {
          readMessage(message, in, sink);
        }
      } catch (EventLogFormatException | WrongKind e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw new EventLogFormatException(file + ": malformed message at byte " + offset, e);
      }
      offset += in.bytesRead();
    }
  }

  private void openSchema(MessageMetadataResult message) throws IOException {
    if (message.getMessage().headerType() != MessageHeader.Schema) {
      throw new EventLogFormatException(file + ": stream does not start with a schema (byte 0)");
    }
    Schema schema = MessageSerializer.deserializeSchema(message.getMessage());
    Map<String, String> meta = schema.getCustomMetadata() == null ? Map.of() : schema.getCustomMetadata();
    String version = meta.get(EventSchemas.VERSION_KEY);
    String kindName = meta.get(EventSchemas.KIND_KEY);
    if (version == null || kindName == null) {
      throw new EventLogFormatException(
          file + ": not a Runboard event log (no " + EventSchemas.VERSION_KEY + " / "
              + EventSchemas.KIND_KEY + " in the schema metadata at byte 0)");
    }
    if (!EventSchemas.VERSION.equals(version)) {
      throw new EventLogFormatException(
          file + ": unsupported format version " + version + " at byte 0 (this reader knows "
              + EventSchemas.VERSION + ")");
    }
    EventKind found = EventKind.ofFileName(kindName);
    if (found == null) {
      throw new EventLogFormatException(file + ": unknown event kind '" + kindName + "' at byte 0");
    }
    if (!EventSchemas.fields(found).equals(schema.getFields())) {
      throw new EventLogFormatException(
          file + ": columns at byte 0 do not match the " + kindName + " schema: " + schema.getFields());
    }
    kind = found;
    metadata = Map.copyOf(meta);
    codec = EventCodec.of(found);
    root = VectorSchemaRoot.create(EventSchemas.memorySchema(found), allocator);
    if (EventSchemas.hasTagDictionary(found)) {
      dictionaryRoot =
          VectorSchemaRoot.create(
              new Schema(List.of(Field.notNullable("dictionary", ArrowType.Utf8.INSTANCE))), allocator);
    }
  }

  private void readMessage(MessageMetadataResult message, ReadChannel in, BatchSink sink)
      throws IOException {
    byte type = message.getMessage().headerType();
    if (type == MessageHeader.RecordBatch) {
      ArrowBuf body = MessageSerializer.readMessageBody(in, message.getMessageBodyLength(), allocator);
      // deserializeRecordBatch takes over the body's reference: closing the batch frees it.
      try (ArrowRecordBatch batch = MessageSerializer.deserializeRecordBatch(message.getMessage(), body)) {
        new VectorLoader(root).load(batch);
      }
      sink.accept(root);
    } else if (type == MessageHeader.DictionaryBatch && dictionaryRoot != null) {
      ArrowBuf body = MessageSerializer.readMessageBody(in, message.getMessageBodyLength(), allocator);
      try (ArrowDictionaryBatch batch =
          MessageSerializer.deserializeDictionaryBatch(message.getMessage(), body)) {
        if (batch.getDictionaryId() != EventSchemas.TAG_DICTIONARY_ID) {
          throw new EventLogFormatException(
              file + ": unknown dictionary id " + batch.getDictionaryId() + " at byte " + offset);
        }
        new VectorLoader(dictionaryRoot).load(batch.getDictionary());
        if (!batch.isDelta()) {
          dictionary.clear();
        }
        VarCharVector entries = (VarCharVector) dictionaryRoot.getVector(0);
        for (int i = 0; i < dictionaryRoot.getRowCount(); i++) {
          dictionary.add(ArrowColumns.string(entries, i));
        }
      }
    } else {
      throw new EventLogFormatException(
          file + ": unexpected message type " + MessageHeader.name(type) + " at byte " + offset);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (root != null) {
        root.close();
      }
      if (dictionaryRoot != null) {
        dictionaryRoot.close();
      }
      allocator.close();
    } finally {
      channel.close();
    }
  }
}
