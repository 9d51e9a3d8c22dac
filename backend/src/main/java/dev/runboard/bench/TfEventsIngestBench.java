package dev.runboard.bench;

import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.tfevents.TfEventsFiles;
import dev.runboard.eventlog.tfevents.TfEventsTail;
import dev.runboard.eventlog.tfevents.TfRecordWriter;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.index.IndexOptions;
import dev.runboard.logdir.LogdirBatch;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Ingest speed of TensorBoard logdirs on one thread (= one core): a logdir of the requested size
 * is built by replicating real event files with shifted steps, then read three ways in the same
 * run so the figures can be compared as ratios:
 *
 * <ol>
 *   <li>raw read: the files' bytes through a 1 MiB buffer, nothing else (the ceiling);
 *   <li>decode: {@link TfEventsTail} on every file (framing, both CRC32Cs, protobuf decoding into
 *       events);
 *   <li>index: the logdir read through the index on one loader thread, as {@code serve} and
 *       {@code export} read it
 *       (decode plus storing every event by run and tag).
 * </ol>
 */
public final class TfEventsIngestBench {
  /** Added to every step of the k-th copy, so copies hold distinct steps as a long run would. */
  static final long STEP_SHIFT = 1_000_000;

  public record Result(String what, long bytes, long events, double seconds) {
    double megabytesPerSecond() {
      return bytes / 1e6 / seconds;
    }
  }

  private TfEventsIngestBench() {}

  /** Copies the source's event files into {@code target} until it holds at least {@code bytes}. */
  public static long buildLogdir(Path source, Path target, long bytes, boolean scalarFilesOnly) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path file : walk.filter(Files::isRegularFile).filter(TfEventsFiles::isTfEventsFile).sorted().toList()) {
        if (!scalarFilesOnly || mostlyScalars(file)) {
          files.add(file);
        }
      }
    }
    if (files.isEmpty()) {
      throw new IOException("no tfevents files under " + source);
    }
    long written = 0;
    for (int copy = 0; written < bytes; copy++) {
      for (Path file : files) {
        Path out = target.resolve("copy-" + copy).resolve(source.relativize(file));
        Files.createDirectories(out.getParent());
        written += replicate(file, out, copy * STEP_SHIFT);
      }
    }
    return written;
  }

  private static boolean mostlyScalars(Path file) throws IOException {
    try (TfEventsTail tail = new TfEventsTail(file)) {
      List<LogEvent> events = tail.poll();
      long scalars = events.stream().filter(e -> e instanceof ScalarEvent).count();
      return !events.isEmpty() && scalars * 10 >= events.size() * 9L;
    }
  }

  /** Re-encodes every record with its step shifted (records are read by the independent loop below). */
  private static long replicate(Path from, Path to, long shift) throws IOException {
    byte[] data = Files.readAllBytes(from);
    ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    long written = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(to), 1 << 20)) {
      TfRecordWriter writer = new TfRecordWriter(out);
      while (in.remaining() >= 12) {
        int length = (int) in.getLong(in.position());
        byte[] payload = new byte[length];
        in.get(in.position() + 12, payload);
        in.position(in.position() + 12 + length + 4);
        Event event = Event.parseFrom(payload);
        if (event.getStep() != 0 || event.hasSummary()) {
          event = event.toBuilder().setStep(event.getStep() + shift).build();
        }
        byte[] shifted = event.toByteArray();
        writer.write(shifted);
        written += 16 + shifted.length;
      }
    }
    return written;
  }

  public static Result rawRead(Path logdir) throws IOException {
    long start = System.nanoTime();
    long bytes = 0;
    long checksum = 0;
    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    for (Path file : files(logdir)) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        int n;
        while ((n = channel.read(buffer.clear())) > 0) {
          bytes += n;
          checksum += buffer.get(0);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result("raw read (1 MiB buffer)" + (checksum == 42 ? " " : ""), bytes, 0, seconds);
  }

  public static Result decode(Path logdir) throws IOException {
    long start = System.nanoTime();
    long bytes = 0;
    long events = 0;
    for (Path file : files(logdir)) {
      try (TfEventsTail tail = new TfEventsTail(file)) {
        events += tail.poll().size();
        bytes += tail.offset();
      }
    }
    return new Result("decode (TfEventsTail)", bytes, events, (System.nanoTime() - start) / 1e9);
  }

  public static Result index(Path logdir, long bytes) throws IOException {
    long start = System.nanoTime();
    long[] points = {0};
    LogdirBatch.forEachRun(IndexOptions.defaults(logdir).withLoaderThreads(1), (run, index) ->
        run.series().forEach(s -> points[0] += s.dataClass() == dev.runboard.data.DataClass.SCALARS ? s.count() : 0));
    return new Result("index (LogdirIndex, 1 thread)", bytes, points[0], (System.nanoTime() - start) / 1e9);
  }

  private static List<Path> files(Path logdir) throws IOException {
    try (Stream<Path> walk = Files.walk(logdir)) {
      return walk.filter(Files::isRegularFile).filter(TfEventsFiles::isTfEventsFile).sorted().toList();
    }
  }

  public static void report(List<Result> results, PrintWriter out) {
    double baseline = results.get(0).megabytesPerSecond();
    out.println("| what | MB | events | seconds | MB/s (1 core) | vs raw read |");
    out.println("|---|---|---|---|---|---|");
    for (Result r : results) {
      out.println(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %d | %.3f | %.1f | %.2f |",
              r.what(), r.bytes() / 1e6, r.events(), r.seconds(), r.megabytesPerSecond(),
              r.megabytesPerSecond() / baseline));
    }
    out.flush();
  }
}
