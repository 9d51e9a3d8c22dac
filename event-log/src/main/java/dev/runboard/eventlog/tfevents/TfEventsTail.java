package dev.runboard.eventlog.tfevents;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.runboard.eventlog.EventFileTail;
import dev.runboard.eventlog.LogEvent;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows one TensorBoard event file ({@code events.out.tfevents.*}) while a writer may still be
 * appending to it. Damage never stops the file: a bad record or an undecodable event is reported
 * (file and byte offset, to the log and to {@link #problems()}) and skipped, and everything before
 * and after it is read.
 */
public final class TfEventsTail implements EventFileTail {
  private static final System.Logger LOG = System.getLogger(TfEventsTail.class.getName());

  private final Path file;
  private final FileChannel channel;
  private final TfRecordReader records;
  private final ScalarFastPath scalars = new ScalarFastPath();
  private final TfEventDecoder decoder = new TfEventDecoder();
  private final List<TfRecordProblem> problems = new ArrayList<>();

  public TfEventsTail(Path file) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.records = new TfRecordReader(file, channel, this::report);
  }

  @Override
  public Path file() {
    return file;
  }

  /** Bytes read so far: every complete record before this offset has been returned. */
  public long offset() {
    return records.offset();
  }

  /** Everything skipped so far, in file order. */
  public List<TfRecordProblem> problems() {
    return List.copyOf(problems);
  }

  @Override
  public List<LogEvent> poll() throws IOException {
    List<LogEvent> events = new ArrayList<>();
    ByteBuffer payload;
    while ((payload = records.next()) != null) {
      if (scalars.decode(payload, events)) {
        continue;
      }
      long at = records.recordOffset();
      try {
        decoder.decode(payload, events, message -> report(new TfRecordProblem(file, at, message)));
      } catch (InvalidProtocolBufferException e) {
        report(new TfRecordProblem(file, at, "record is not a TensorBoard Event: " + e.getMessage()));
      }
    }
    records.release();
    return events;
  }

  private void report(TfRecordProblem problem) {
    problems.add(problem);
    LOG.log(Level.WARNING, "Skipping damaged data in {0}", problem);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
