package dev.runboard.eventlog.tfevents;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.runboard.eventlog.EventFileTail;
import dev.runboard.eventlog.EventSink;
import dev.runboard.eventlog.EventSource;
import dev.runboard.eventlog.FileProblem;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.LogFileSource;
import dev.runboard.eventlog.ProblemLog;
import dev.runboard.eventlog.ReadOptions;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.TailedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows one TensorBoard event file ({@code events.out.tfevents.*}) while a writer may still be
 * appending to it. Damage never stops the file: a bad record or an undecodable event is reported
 * (file and byte offset, to the log and to {@link #drainProblems()}) and skipped, and everything
 * before and after it is read. TensorBoard files have no end marker, so the tail is never {@link
 * #done()}.
 */
public final class TfEventsTail implements EventFileTail {
  /** Scalar rows per batch given to a sink: bounds a poll's memory on a large file. */
  static final int SCALAR_BATCH_ROWS = 1 << 16;

  private final TailedFile file;
  private final ProblemLog problems;
  private final TfRecordReader records;
  private final ScalarFastPath scalars = new ScalarFastPath();
  private final TfEventDecoder decoder;

  public TfEventsTail(Path file) throws IOException {
    this(LogFileSource.local(file), ReadOptions.defaults());
  }

  public TfEventsTail(LogFileSource source, ReadOptions options) throws IOException {
    this.file = new TailedFile(source, options);
    this.problems = new ProblemLog(source.path(), options.clock());
    this.records = new TfRecordReader(file, problems);
    this.decoder = new TfEventDecoder(options.maxRecordBytes(), "");
    file.open();
  }

  @Override
  public Path file() {
    return file.path();
  }

  @Override
  public long offset() {
    return records.offset();
  }

  @Override
  public boolean done() {
    return false;
  }

  @Override
  public List<FileProblem> drainProblems() {
    return problems.drain();
  }

  @Override
  public void setReadLimit(long limit) {
    file.setReadLimit(limit);
  }

  @Override
  public void releaseHandle() throws IOException {
    records.release();
    file.release();
  }

  @Override
  public List<LogEvent> poll() throws IOException {
    List<LogEvent> events = new ArrayList<>();
    ScalarFastPath.Rows rows = (tag, step, wallTime, value) -> events.add(new ScalarEvent(tag, step, wallTime, value));
    readRecords(
        payload -> {
          if (!scalars.decode(payload, rows)) {
            events.addAll(decodeFully(payload));
          }
        });
    return events;
  }

  @Override
  public void poll(EventSink sink) throws IOException {
    ScalarBatchBuilder batch = new ScalarBatchBuilder();
    try {
      readRecords(
          payload -> {
            if (!scalars.decode(payload, batch)) {
              List<LogEvent> events = decodeFully(payload);
              for (int i = 0; i < events.size(); i++) {
                if (events.get(i) instanceof ScalarEvent s) {
                  batch.add(s.tag(), s.step(), s.wallTime(), s.value());
                } else {
                  EventSource source = new EventSource(records.recordOffset(), records.recordLength(), i);
                  sink.event(events.get(i), source);
                }
              }
            }
            if (batch.size() >= SCALAR_BATCH_ROWS) {
              sink.scalars(batch.build());
            }
          });
    } finally {
      // Also when reading fails part-way: the records read count as read, so their rows go out.
      if (batch.size() > 0) {
        sink.scalars(batch.build());
      }
    }
  }

  private interface PayloadConsumer {
    void accept(ByteBuffer payload) throws IOException;
  }

  private void readRecords(PayloadConsumer consumer) throws IOException {
    try {
      records.begin();
      ByteBuffer payload;
      while ((payload = records.next()) != null) {
        consumer.accept(payload);
      }
    } finally {
      records.release();
    }
  }

  /** Every event of the record, in order; what does not decode is reported and left out. */
  private List<LogEvent> decodeFully(ByteBuffer payload) {
    List<LogEvent> events = new ArrayList<>();
    long at = records.recordOffset();
    try {
      decoder.decode(payload, events, message -> problems.report(at, message));
    } catch (InvalidProtocolBufferException e) {
      problems.report(at, "record is not a TensorBoard Event: " + e.getMessage());
    }
    return events;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
