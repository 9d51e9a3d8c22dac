package dev.runboard.eventlog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One kind's stream of segment files within a writer session. Writes raw IPC messages (schema,
 * tag dictionary deltas, record batches), starts the next segment once one exceeds the size limit,
 * and syncs per the policy. Used by the writer thread only.
 */
final class SegmentWriter implements Closeable {
  private final Path runDirectory;
  private final String session;
  private final EventKind kind;
  private final TagTable tags;
  private final long maxBytes;
  private final FsyncPolicy fsync;
  private final BufferAllocator allocator;
  private final VectorSchemaRoot root;
  /** Told of each segment once it is finished and closed (the S3 uploader); null when local. */
  private final Consumer<Path> onFinished;

  private int nextSegment;
  private boolean firstClaimed;
  private Path file;
  private FileChannel channel;
  private WriteChannel out;
  private int dictionarySize;
  private boolean unsynced;

  SegmentWriter(
      Path runDirectory,
      String session,
      EventKind kind,
      TagTable tags,
      long maxBytes,
      FsyncPolicy fsync,
      BufferAllocator allocator,
      Consumer<Path> onFinished) {
    this.runDirectory = runDirectory;
    this.session = session;
    this.kind = kind;
    this.tags = tags;
    this.maxBytes = maxBytes;
    this.fsync = fsync;
    this.allocator = allocator;
    this.onFinished = onFinished;
    this.root = VectorSchemaRoot.create(EventSchemas.memorySchema(kind), allocator);
  }

  /** The root to fill for the next batch: cleared, then filled by a codec. */
  VectorSchemaRoot root() {
    return root;
  }

  /** The current segment file, or null between segments. */
  Path file() {
    return file;
  }

  /**
   * Creates the first segment file, empty, without writing to it: fails with
   * FileAlreadyExistsException when the name is taken, which is how a writer picks a free session
   * name. Safe on any thread (writes, which an interrupt would break, happen on the writer's).
   */
  void claimFirstSegment() throws IOException {
    Files.createFile(runDirectory.resolve(EventLogFiles.segmentFileName(session, kind, 0)));
    firstClaimed = true;
  }

  private void startSegment() throws IOException {
    Path next = runDirectory.resolve(EventLogFiles.segmentFileName(session, kind, nextSegment));
    FileChannel created =
        nextSegment == 0 && firstClaimed
            ? FileChannel.open(next, StandardOpenOption.WRITE)
            : FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    file = next;
    channel = created;
    out = new WriteChannel(channel);
    dictionarySize = 0;
    MessageSerializer.serialize(out, EventSchemas.fileSchema(kind, session, nextSegment));
    nextSegment++;
    unsynced = true;
  }

  /** Writes the root's rows as one record batch, after any tags it is the first to use. */
  void writeBatch() throws IOException {
    if (root.getRowCount() == 0) {
      return;
    }
    if (channel == null) {
      startSegment();
    }
    if (tags != null) {
      int known = tags.size();
      if (known > dictionarySize) {
        writeDictionary(tags.names(dictionarySize, known), dictionarySize > 0);
        dictionarySize = known;
      }
    }
    try (ArrowRecordBatch batch = new VectorUnloader(root).getRecordBatch()) {
      MessageSerializer.serialize(out, batch);
    }
    unsynced = true;
    if (out.getCurrentPosition() >= maxBytes) {
      finishSegment();
    }
  }

  private void writeDictionary(List<String> entries, boolean delta) throws IOException {
    try (VarCharVector values =
        (VarCharVector) Field.notNullable("dictionary", org.apache.arrow.vector.types.pojo.ArrowType.Utf8.INSTANCE)
            .createVector(allocator)) {
      values.allocateNew(entries.size());
      for (int i = 0; i < entries.size(); i++) {
        ArrowColumns.setString(values, i, entries.get(i));
      }
      values.setValueCount(entries.size());
      try (VectorSchemaRoot dictionaryRoot = VectorSchemaRoot.of(values);
          ArrowRecordBatch batch = new VectorUnloader(dictionaryRoot).getRecordBatch();
          ArrowDictionaryBatch dictionary =
              new ArrowDictionaryBatch(EventSchemas.TAG_DICTIONARY_ID, batch, delta)) {
        MessageSerializer.serialize(out, dictionary);
      }
    }
  }

  /** Forces the written bytes to disk (FsyncPolicy.PER_FLUSH calls this on every flush). */
  void sync() throws IOException {
    if (channel != null && unsynced) {
      channel.force(false);
      unsynced = false;
    }
  }

  /** Ends the current segment with the end-of-stream marker; the next batch starts a new one. */
  void finishSegment() throws IOException {
    if (channel == null) {
      return;
    }
    Path finished = file;
    try {
      ArrowStreamWriter.writeEndOfStream(out, IpcOption.DEFAULT);
      if (fsync != FsyncPolicy.NEVER) {
        channel.force(false);
      }
    } finally {
      channel.close();
      channel = null;
      out = null;
      file = null;
    }
    if (onFinished != null) {
      onFinished.accept(finished);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      finishSegment();
    } finally {
      root.close();
    }
  }
}
