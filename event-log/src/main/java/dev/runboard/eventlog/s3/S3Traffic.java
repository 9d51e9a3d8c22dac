package dev.runboard.eventlog.s3;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts what a client asks of the object store: HTTP requests (every attempt, retries included)
 * and failed calls, by operation, and the object bytes the readers downloaded. For metrics and for
 * tests that check what was (not) downloaded. Thread-safe.
 */
public final class S3Traffic implements ExecutionInterceptor {
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final LongAdder bytesDownloaded = new LongAdder();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    count(requests, attributes);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    count(errors, attributes);
  }

  private static void count(Map<String, LongAdder> counts, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    counts.computeIfAbsent(operation == null ? "unknown" : operation, o -> new LongAdder()).increment();
  }

  void downloaded(long bytes) {
    bytesDownloaded.add(bytes);
  }

  /** HTTP requests sent, by operation ({@code GetObject}, {@code ListObjectsV2}, ...). */
  public Map<String, Long> requests() {
    return snapshot(requests);
  }

  /** Calls that failed (after the SDK's retries), by operation. */
  public Map<String, Long> errors() {
    return snapshot(errors);
  }

  public long requestsTotal() {
    return requests.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public long errorsTotal() {
    return errors.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Object bytes received by {@link S3ObjectSource} reads. */
  public long bytesDownloaded() {
    return bytesDownloaded.sum();
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }
}
