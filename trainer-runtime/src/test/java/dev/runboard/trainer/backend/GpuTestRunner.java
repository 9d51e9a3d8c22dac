package dev.runboard.trainer.backend;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs {@link CudaBackendTest} with the JUnit launcher on a GPU machine that has no Maven (see
 * trainer-runtime/gpu-check): there its CUDA tests run instead of skipping themselves.
 */
public final class GpuTestRunner {
  private GpuTestRunner() {}

  public static void main(String[] args) {
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    TestExecutionListener printer = new TestExecutionListener() {
      @Override
      public void executionSkipped(TestIdentifier test, String reason) {
        System.out.println("SKIPPED " + test.getDisplayName() + ": " + reason);
      }

      @Override
      public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
          System.out.println(result.getStatus() + " " + test.getDisplayName()
              + result.getThrowable().map(t -> ": " + t).orElse(""));
        }
      }
    };
    Launcher launcher = LauncherFactory.create();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(CudaBackendTest.class)).build(),
        summary, printer);
    TestExecutionSummary result = summary.getSummary();
    result.printTo(new PrintWriter(System.out, true));
    System.exit(result.getTotalFailureCount() == 0 && result.getTestsSucceededCount() > 0 ? 0 : 1);
  }
}
