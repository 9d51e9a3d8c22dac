package dev.runboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.cli.RunboardCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code runboard} command in a JVM of its own (the test classpath, {@link RunboardCli} as main
 * class), its output collected: the real command line, flags parsed as a user's are.
 */
public final class RunboardProcess implements AutoCloseable {
  private final Process process;
  private final StringBuffer output = new StringBuffer();

  private RunboardProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          output.append(line).append('\n');
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "runboard-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code runboard ARGS} in {@code dir}, with these JVM options and environment variables
   * (RUNBOARD_TOKEN and RUNBOARD_LOGDIR of the test's own environment are not passed on).
   */
  public static RunboardProcess start(Path dir, List<String> jvmOptions, Map<String, String> environment, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx512m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), RunboardCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
    builder.environment().remove("RUNBOARD_TOKEN");
    builder.environment().remove("RUNBOARD_LOGDIR");
    builder.environment().putAll(environment);
    return new RunboardProcess(builder.start());
  }

  /** The first match of {@code pattern} in the output, waiting for it; fails if the process exits first. */
  public Matcher await(Pattern pattern, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher matcher = pattern.matcher(output);
      if (matcher.find()) {
        return matcher;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("exited with " + process.exitValue() + ":\n" + output);
      }
      Thread.sleep(100);
    }
    throw new TimeoutException("no line matching " + pattern + " in:\n" + output);
  }

  public int waitFor(Duration timeout) throws InterruptedException {
    assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("exited in time").isTrue();
    return process.exitValue();
  }

  public String output() {
    return output.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
