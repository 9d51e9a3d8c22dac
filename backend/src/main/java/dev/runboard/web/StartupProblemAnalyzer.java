package dev.runboard.web;

import dev.runboard.eventlog.s3.S3AccessException;
import dev.runboard.security.ConfigurationProblem;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Spring Boot's "APPLICATION FAILED TO START" report for the failures a user can fix: an object
 * store that refuses the logdir, a configuration that cannot work (exposure without
 * authentication, a bad users file).
 */
public final class StartupProblemAnalyzer implements FailureAnalyzer {
  @Override
  public FailureAnalysis analyze(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof S3AccessException e) {
        return new FailureAnalysis(e.getMessage(),
            "Fix the logdir's location, the store's endpoint (--s3-endpoint, AWS_ENDPOINT_URL) or the"
                + " credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE), then start again.",
            e);
      }
      if (t instanceof ConfigurationProblem e) {
        return new FailureAnalysis(e.getMessage(), "Change the configuration as described, then start again.", e);
      }
    }
    return null;
  }
}
