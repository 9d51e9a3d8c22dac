package dev.runboard.eventlog.tfevents;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared folder of real TensorBoard event files ({@code ../shared/testdata/tfevents} next to
 * the repository; system property {@code runboard.testdata}, set by the build). Tests that need it
 * are skipped where it is absent, except under CI ({@code CI=true}), where they fail.
 */
final class TfEventsTestdata {
  private TfEventsTestdata() {}

  static Path root() {
    String configured = System.getProperty("runboard.testdata", "");
    Path root = Path.of(configured.isEmpty() ? "../../shared/testdata/tfevents" : configured);
    if (!Files.isDirectory(root) && "true".equalsIgnoreCase(System.getenv("CI"))) {
      // Under CI the real-world files are part of the job: their absence is a failure.
      throw new IllegalStateException("CI=true but no tfevents test data at " + root.toAbsolutePath());
    }
    assumeTrue(Files.isDirectory(root), "no tfevents test data at " + root.toAbsolutePath());
    return root;
  }
}
