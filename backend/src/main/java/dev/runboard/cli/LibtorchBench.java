package dev.runboard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The libtorch side of {@code bench trainer --vs-libtorch}: runs {@code bench-libtorch}'s jar (the
 * seed CNN in libtorch, built only on request because it carries 90 MB of natives) in a process of
 * its own, echoes its output and reads its images per second from its last line.
 */
final class LibtorchBench {
  /** Where {@code ./mvnw -P libtorch -pl bench-libtorch package} puts the jar, from the repository root. */
  static final Path DEFAULT_JAR = Path.of("bench-libtorch", "target", "runboard-bench-libtorch.jar");

  static final String BUILD_HINT =
      "build it with ./mvnw -q -P libtorch -pl bench-libtorch package (downloads 90 MB of libtorch), or give --libtorch-jar";

  private static final String RESULT = "libtorch_images_per_s=";

  private LibtorchBench() {}

  /** The jar to run: {@code jar} if given, else {@code $RUNBOARD_LIBTORCH_JAR}, else {@link #DEFAULT_JAR}. */
  static Path locate(Path jar) {
    if (jar != null) {
      return jar;
    }
    String env = System.getenv("RUNBOARD_LIBTORCH_JAR");
    return env != null && !env.isBlank() ? Path.of(env) : DEFAULT_JAR;
  }

  /**
   * Runs the libtorch bench with the same settings; {@code threads} (above 0) becomes both its
   * intra-op thread count and its {@code OMP_NUM_THREADS}.
   *
   * @return images per second
   * @throws IOException when the jar is missing, the process fails or prints no result
   */
  static double run(Path jar, String input, int batchSize, int warmupSteps, int steps, int threads, PrintStream out)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException("the libtorch bench " + jar + " is not built: " + BUILD_HINT);
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
        "--input", input, "--batch-size", Integer.toString(batchSize), "--warmup-steps", Integer.toString(warmupSteps),
        "--steps", Integer.toString(steps), "--threads", Integer.toString(Math.max(0, threads))));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (threads > 0) {
      // set_num_threads alone left libtorch's OpenMP pool at full size: 2.3x slower on a busy machine.
      builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    }
    Process process = builder.start();
    Deque<String> tail = new ArrayDeque<>();
    String result = null;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        out.println("  [libtorch] " + line);
        if (line.startsWith(RESULT)) {
          result = line.substring(RESULT.length()).trim();
        }
        tail.addLast(line);
        if (tail.size() > 5) {
          tail.removeFirst();
        }
      }
    }
    int status = process.waitFor();
    if (status != 0 || result == null) {
      throw new IOException("the libtorch bench failed (exit status " + status + "): " + String.join(" | ", tail));
    }
    try {
      return Double.parseDouble(result);
    } catch (NumberFormatException e) {
      throw new IOException("the libtorch bench printed an unreadable result: " + result, e);
    }
  }

  /** The comparison line: {@code runboard_images_per_s=... libtorch_images_per_s=... ratio=...}. */
  static String comparison(double runboard, double libtorch) {
    return String.format(
        Locale.ROOT, "runboard_images_per_s=%.1f libtorch_images_per_s=%.1f ratio=%.3f", runboard, libtorch,
        runboard / libtorch);
  }
}
