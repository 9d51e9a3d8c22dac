package dev.runboard.eventlog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ValueVectorUtility;

/**
 * Follows one Runboard event log segment file (format version 1 or 2, any kind) while a writer may
 * still be appending to it.
 *
 * <p>Reads message by message from the byte offset where the previous poll stopped, and only
 * advances past a message once it has been read whole. A message cut short (the writer is in the
 * middle of it, or was killed there) is left for a later poll and reported by {@link #tornTail()};
 * once the file has grown to hold it, it is read like any other. So every complete batch is
 * returned exactly once, in file order.
 *
 * <p>No length in the file is trusted beyond the bytes the file holds and {@link
 * ReadOptions#maxRecordBytes()}: a record batch over the limit is skipped and reported without
 * being read, and the tail's off-heap memory comes from an allocator limited to twice that. Between
 * polls the tail holds no Arrow buffers.
 */
public final class EventLogTail implements EventFileTail {
  private final TailedFile file;
  private final ReadOptions options;
  private final ProblemLog problems;
  private final BufferAllocator allocator;
  /** The last record batch's body buffer while a poll reads on, with a reference of the tail's own. */
  private ArrowBuf spareBody;
  /** The scalar batch the sink last borrowed in this poll, whose arrays the next may reuse. */
  private ScalarBatch lentBatch;
  private EventKind kind;
  private Map<String, String> metadata = Map.of();
  private EventCodec codec;
  private VectorSchemaRoot root;
  private VectorSchemaRoot dictionaryRoot;
  private final List<String> dictionary = new ArrayList<>();
  private long offset;
  private long size;
  private long sizeAtLastIncompleteRead = -1;
  /** Bytes the incomplete message at {@link #offset} is known to need; -1 when unknown. */
  private long incompleteClaim = -1;
  /** Whether {@link #incompleteClaim} is the whole message, not only its metadata. */
  private boolean incompleteClaimExact;
  private long stallReportedAt = -1;
  private boolean ended;
  private EventLogFormatException failure;

  public EventLogTail(Path file) throws IOException {
    this(LogFileSource.local(file), ReadOptions.defaults());
  }

  public EventLogTail(LogFileSource source, ReadOptions options) throws IOException {
    this.file = new TailedFile(source, options);
    this.options = options;
    this.problems = new ProblemLog(source.path(), options.clock());
    file.open();
    this.allocator = ReaderMemory.newAllocator("tail " + source.path(), options.maxRecordBytes());
  }

  @Override
  public Path file() {
    return file.path();
  }

  /** The kind of events in the file; null until the schema has been read. */
  public EventKind kind() {
    return kind;
  }

  /** The writer session that wrote the file (schema metadata); null until the schema is read. */
  public String session() {
    return metadata.get(EventSchemas.SESSION_KEY);
  }

  /** The format version of the file (schema metadata); null until the schema is read. */
  public String formatVersion() {
    return metadata.get(EventSchemas.VERSION_KEY);
  }

  /** True once the writer closed the stream cleanly: no more rows will ever appear. */
  public boolean ended() {
    return ended;
  }

  @Override
  public boolean done() {
    return ended || failure != null;
  }

  @Override
  public long offset() {
    return offset;
  }

  @Override
  public void setReadLimit(long limit) {
    file.setReadLimit(limit);
  }

  @Override
  public void releaseHandle() throws IOException {
    file.release();
  }

  @Override
  public List<FileProblem> drainProblems() {
    return problems.drain();
  }

  /** The tail's off-heap memory, for tests: it must hold nothing between polls. */
  BufferAllocator allocator() {
    return allocator;
  }

  @Override
  public Optional<String> tornTail() {
    if (ended || failure != null || size <= offset) {
      return Optional.empty();
    }
    return Optional.of(
        file.path() + ": incomplete record of " + (size - offset) + " bytes at byte " + offset
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
    readStrictly(
        events::isEmpty,
        (root, at, length) -> {
          int before = events.size();
          try {
            codec.decodeAll(root, dictionary, (event, row) -> events.add(event));
          } catch (RuntimeException e) {
            events.subList(before, events.size()).clear(); // a batch is returned whole or not at all
            throw e;
          }
          return NOTHING;
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
    readStrictly(
        batches::isEmpty,
        (root, at, length) -> {
          requireScalars();
          batches.add(ScalarCodec.columns(root, dictionary));
          return NOTHING;
        });
    return batches;
  }

  /**
   * Reads every complete message since the last poll: scalar batches as columns, other events with
   * their source. A record batch whose rows do not decode is reported and skipped; damage to the
   * stream itself (which cannot be resynchronised) is reported and ends the tail ({@link #done()}).
   */
  @Override
  public void poll(EventSink sink) throws IOException {
    if (done()) {
      file.size(); // nothing more to read, but a file cut shorter or replaced must still be told
      return;
    }
    try {
      readAvailable(
          (root, at, length) -> {
            if (kind == EventKind.SCALAR) {
              // The sink only borrows a batch (EventSink#scalars): the next one of this poll
              // reuses its arrays when it has as many rows, as every full batch of a log does.
              ScalarBatch batch = ScalarCodec.columns(root, dictionary, lentBatch);
              lentBatch = batch;
              return () -> sink.scalars(batch);
            }
            List<LogEvent> events = new ArrayList<>();
            List<EventSource> sources = new ArrayList<>();
            codec.decodeAll(
                root,
                dictionary,
                (event, row) -> {
                  events.add(event);
                  sources.add(new EventSource(at, length, row));
                });
            return () -> {
              for (int i = 0; i < events.size(); i++) {
                sink.event(events.get(i), sources.get(i));
              }
            };
          },
          true,
          0);
    } catch (DamagedLogException e) {
      failure = e;
      problems.report(e.offset(), e.reason() + "; the rest of the file cannot be read");
    }
  }

  /**
   * The event of the record batch at {@code source} (which must be the last message before the read
   * limit): reads the schema and the dictionaries before it, skips the other batches unread.
   */
  LogEvent readAt(EventSource source) throws IOException {
    long end = source.offset() + source.length();
    file.setReadLimit(end);
    long held = file.size();
    if (held < end) {
      throw new FileTruncatedException(
          file.path() + " holds " + held + " bytes, no record batch of " + source.length()
              + " bytes at byte " + source.offset() + " fits: read it again from the start");
    }
    LogEvent[] found = new LogEvent[1];
    readAvailable(
        (root, at, length) -> {
          if (at != source.offset() || length != source.length()) {
            throw new IllegalArgumentException(
                "the record batch at byte " + at + " is " + length + " bytes long, not "
                    + source.length() + " at byte " + source.offset());
          }
          if (source.index() >= root.getRowCount()) {
            throw new IllegalArgumentException(
                "the record batch at byte " + at + " has " + root.getRowCount() + " rows, no row "
                    + source.index());
          }
          found[0] = codec.decode(root, dictionary, source.index());
          return NOTHING;
        },
        false,
        source.offset());
    if (found[0] == null) {
      throw new EventLogFormatException(
          file.path() + ": no record batch of " + source.length() + " bytes at byte "
              + source.offset() + " (reading stopped at byte " + offset + ")"
              + problems.drain().stream().map(p -> "; " + p.message()).reduce("", String::concat));
    }
    return found[0];
  }

  private static final Runnable NOTHING = () -> {};

  /** Decodes a loaded record batch; returns what delivers the result, run once it counts as read. */
  private interface BatchDecoder {
    /**
     * @param at byte offset of the batch's message
     * @param length bytes of the whole message
     * @throws RuntimeException when the rows are invalid
     */
    Runnable decode(VectorSchemaRoot root, long at, long length);
  }

  private interface Empty {
    boolean get();
  }

  /** Asking a non-scalar file for scalar batches: a programming error, not a corrupt file. */
  private static final class WrongKind extends IllegalStateException {
    WrongKind(String message) {
      super(message);
    }
  }

  private void requireScalars() {
    if (kind != EventKind.SCALAR) {
      throw new WrongKind(file.path() + " holds " + kind.fileName() + " events, not scalars");
    }
  }

  /** The poll() contract: damage is thrown, after the events read before it. */
  private void readStrictly(Empty nothingReadYet, BatchDecoder decoder) throws IOException {
    if (failure != null) {
      throw failure;
    }
    if (ended) {
      return;
    }
    try {
      readAvailable(decoder, false, 0);
    } catch (EventLogFormatException e) {
      failure = e;
      if (nothingReadYet.get()) {
        throw e;
      }
    }
  }

  /**
   * Reads every complete message from {@link #offset}.
   *
   * @param lenient whether a record batch whose rows do not decode is reported and skipped (else
   *     it is damage, thrown)
   * @param decodeFrom record batches starting before this offset are skipped unread
   * @throws DamagedLogException when the stream is damaged where the next message should start
   */
  private void readAvailable(BatchDecoder decoder, boolean lenient, long decodeFrom)
      throws IOException {
    try {
      readFrames(decoder, lenient, decodeFrom);
    } finally {
      // Between polls a tail holds no Arrow memory nor columns: thousands of idle tails would hold
      // a batch each.
      releaseSpareBody();
      lentBatch = null;
    }
  }

  private void readFrames(BatchDecoder decoder, boolean lenient, long decodeFrom) throws IOException {
    size = file.size();
    if (size == sizeAtLastIncompleteRead) {
      incomplete(incompleteClaim, incompleteClaimExact); // nothing new since the last partial message
      return;
    }
    while (offset < size) {
      ArrowFrame frame = ArrowFrame.read(file, offset, size, options.maxRecordBytes());
      if (frame.kind() == ArrowFrame.Kind.INCOMPLETE) {
        incomplete(frame.totalLength(), false);
        return;
      }
      if (frame.kind() == ArrowFrame.Kind.END_OF_STREAM) {
        ended = true; // the writer closed the file
        offset += ArrowFrame.PREFIX_BYTES;
        return;
      }
      long total = frame.totalLength();
      if (size - offset < total) {
        incomplete(total, true);
        return;
      }
      if (frame.bodyLength() > options.maxRecordBytes()) {
        if (root == null || frame.headerType() != MessageHeader.RecordBatch) {
          throw new DamagedLogException(
              file, offset,
              "message at byte " + offset + " has a body of " + frame.bodyLength()
                  + " bytes, over the limit of " + options.maxRecordBytes() + " bytes");
        }
        problems.report(
            offset,
            "record batch at byte " + offset + " has a body of " + frame.bodyLength()
                + " bytes, over the limit of " + options.maxRecordBytes() + " bytes; skipped");
        offset += total;
        continue;
      }
      Runnable delivery = NOTHING;
      if (root == null) {
        openSchema(frame);
      } else if (frame.headerType() == MessageHeader.DictionaryBatch && dictionaryRoot != null) {
        readDictionary(frame);
      } else if (frame.headerType() == MessageHeader.RecordBatch) {
        if (offset >= decodeFrom) {
          delivery = readBatch(frame, total, decoder, lenient);
        }
      } else {
        throw new DamagedLogException(
            file, offset,
            "unexpected message type " + MessageHeader.name(frame.headerType()) + " at byte " + offset);
      }
      offset += total;
      delivery.run();
    }
  }

  /** Stops at an incomplete message; reports it once the file has not grown for the grace. */
  private void incomplete(long claimed, boolean exact) {
    sizeAtLastIncompleteRead = size;
    incompleteClaim = claimed;
    incompleteClaimExact = exact;
    if (stallReportedAt != offset && file.stalled()) {
      stallReportedAt = offset;
      problems.report(
          offset,
          (claimed < 0
                  ? "incomplete message header at byte " + offset
                  : "message at byte " + offset + " claims " + (exact ? "" : "at least ") + claimed
                      + " bytes")
              + ", file holds " + (size - offset) + " after it; " + file.stallDescription()
              + " (an Arrow stream cannot skip it: reading continues if the rest arrives)");
    }
  }

  private void openSchema(ArrowFrame frame) throws IOException {
    if (frame.headerType() != org.apache.arrow.flatbuf.MessageHeader.Schema) {
      throw new DamagedLogException(file, offset, "stream does not start with a schema (byte 0)");
    }
    Schema schema;
    try {
      schema = MessageSerializer.deserializeSchema(frame.metadata().getMessage());
    } catch (RuntimeException e) {
      throw new DamagedLogException(file, offset, "unreadable schema at byte 0", e);
    }
    Map<String, String> meta = schema.getCustomMetadata() == null ? Map.of() : schema.getCustomMetadata();
    String version = meta.get(EventSchemas.VERSION_KEY);
    String kindName = meta.get(EventSchemas.KIND_KEY);
    if (version == null || kindName == null) {
      throw new DamagedLogException(
          file, 0,
          "not a Runboard event log (no " + EventSchemas.VERSION_KEY + " / "
              + EventSchemas.KIND_KEY + " in the schema metadata at byte 0)");
    }
    if (!EventSchemas.READABLE_VERSIONS.contains(version)) {
      throw new DamagedLogException(
          file, 0,
          "unsupported format version " + version + " at byte 0 (this reader knows "
              + String.join(", ", EventSchemas.READABLE_VERSIONS) + ")");
    }
    EventKind found = EventKind.ofFileName(kindName);
    if (found == null || Integer.parseInt(version) < Integer.parseInt(EventSchemas.sinceVersion(found))) {
      throw new DamagedLogException(
          file, 0, "unknown event kind '" + kindName + "' for format version " + version + " at byte 0");
    }
    if (!EventSchemas.fields(found).equals(schema.getFields())) {
      throw new DamagedLogException(
          file, 0,
          "columns at byte 0 do not match the " + kindName + " schema: " + schema.getFields());
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

  private void readDictionary(ArrowFrame frame) throws IOException {
    ArrowBuf body = frame.readBody(file, allocator);
    try (ArrowDictionaryBatch batch =
        ArrowFrame.freeOnFailure(
            body, () -> MessageSerializer.deserializeDictionaryBatch(frame.metadata().getMessage(), body))) {
      if (batch.getDictionaryId() != EventSchemas.TAG_DICTIONARY_ID) {
        throw new DamagedLogException(
            file, offset, "unknown dictionary id " + batch.getDictionaryId() + " at byte " + offset);
      }
      new VectorLoader(dictionaryRoot).load(batch.getDictionary());
      ValueVectorUtility.validateFull(dictionaryRoot);
      if (!batch.isDelta()) {
        dictionary.clear();
      }
      VarCharVector entries = (VarCharVector) dictionaryRoot.getVector(0);
      for (int i = 0; i < dictionaryRoot.getRowCount(); i++) {
        dictionary.add(ArrowColumns.string(entries, i));
      }
    } catch (DamagedLogException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DamagedLogException(file, offset, "malformed dictionary batch at byte " + offset, e);
    } finally {
      dictionaryRoot.clear(); // no Arrow memory held between messages
    }
  }

  private Runnable readBatch(ArrowFrame frame, long total, BatchDecoder decoder, boolean lenient)
      throws IOException {
    ArrowBuf body = bodyFor(frame);
    try {
      // deserializeRecordBatch takes over the body's reference: closing the batch frees it.
      try (ArrowRecordBatch batch =
          ArrowFrame.freeOnFailure(
              body, () -> MessageSerializer.deserializeRecordBatch(frame.metadata().getMessage(), body))) {
        new VectorLoader(root).load(batch);
      }
      if (kind == EventKind.SCALAR) {
        ValueVectorUtility.validate(root); // fixed-width columns: buffer sizes are all to check
      } else {
        ValueVectorUtility.validateFull(root); // offsets too, before any cell is copied out
      }
      return decoder.decode(root, offset, total);
    } catch (WrongKind e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      if (!lenient) {
        throw new DamagedLogException(file, offset, "malformed message at byte " + offset, e);
      }
      problems.report(offset, "record batch at byte " + offset + " skipped: " + e);
      return NOTHING;
    } finally {
      root.clear(); // no Arrow memory held between messages
    }
  }

  /**
   * A buffer holding the frame's body, exactly its length: a slice of the previous body's buffer
   * of the same poll when nothing else holds that one and it is large enough, else a new one.
   * Reused because a new buffer per batch is new memory per batch: on a machine where the first
   * touch of a page is dear, the reads into fresh buffers took most of a load. The tail keeps a
   * reference of its own until the poll ends; the slice's goes to the batch, as a new buffer's
   * would.
   */
  private ArrowBuf bodyFor(ArrowFrame frame) throws IOException {
    ArrowBuf buffer = spareBody;
    spareBody = null;
    boolean reusable = buffer != null
        && buffer.getReferenceManager().getRefCount() == 1 && buffer.capacity() >= frame.bodyLength();
    if (buffer != null && !reusable) {
      releaseOurs(buffer);
      buffer = null;
    }
    if (buffer == null) {
      buffer = allocator.buffer(frame.bodyLength());
    }
    try {
      frame.readBody(file, buffer);
    } catch (IOException | RuntimeException e) {
      buffer.close();
      throw e;
    }
    // One reference goes to the batch (deserializing takes it over), one stays the tail's.
    buffer.getReferenceManager().retain();
    spareBody = buffer;
    return buffer.slice(0, frame.bodyLength());
  }

  private void releaseSpareBody() {
    if (spareBody != null) {
      releaseOurs(spareBody);
      spareBody = null;
    }
  }

  /** Drops the tail's reference, unless a failed batch already released every one. */
  private static void releaseOurs(ArrowBuf buffer) {
    if (buffer.getReferenceManager().getRefCount() > 0) {
      buffer.getReferenceManager().release();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      releaseSpareBody();
      if (root != null) {
        root.close();
      }
      if (dictionaryRoot != null) {
        dictionaryRoot.close();
      }
      allocator.close();
    } finally {
      file.close();
    }
  }
}
