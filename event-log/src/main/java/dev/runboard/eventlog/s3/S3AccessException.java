package dev.runboard.eventlog.s3;

import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The object store refused or could not be reached, with a message that says what to fix: the
 * bucket does not exist, the credentials are missing or rejected, the endpoint is unreachable.
 */
public final class S3AccessException extends IOException {
  /** What went wrong, as far as the store's answer tells. */
  public enum Reason {
    NO_SUCH_BUCKET(true),
    NOT_FOUND(true),
    ACCESS_DENIED(true),
    NO_CREDENTIALS(true),
    UNREACHABLE(false),
    OTHER(false);

    private final boolean permanent;

    Reason(boolean permanent) {
      this.permanent = permanent;
    }

    /** Whether retrying without a change of configuration cannot help. */
    public boolean permanent() {
      return permanent;
    }
  }

  private final Reason reason;

  public S3AccessException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /**
   * Translates an SDK failure while doing {@code action} (e.g. "listing s3://runs/") into a message
   * a user can act on.
   */
  public static S3AccessException of(String action, SdkException e, String bucket, S3Settings settings) {
    String endpoint = settings.describeEndpoint();
    if (e instanceof S3Exception s3) {
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      int status = s3.statusCode();
      if ("NoSuchBucket".equals(code)) {
        return new S3AccessException(Reason.NO_SUCH_BUCKET,
            action + " failed: bucket '" + bucket + "' does not exist at " + endpoint
                + " (create it, or fix the location)", e);
      }
      if (status == 404 || "NoSuchKey".equals(code)) {
        return new S3AccessException(Reason.NOT_FOUND, action + " failed: not found at " + endpoint, e);
      }
      if (status == 401 || status == 403 || "InvalidAccessKeyId".equals(code)
          || "SignatureDoesNotMatch".equals(code) || "AccessDenied".equals(code)) {
        return new S3AccessException(Reason.ACCESS_DENIED,
            action + " failed: " + endpoint + " denied access (" + (code != null ? code : "HTTP " + status)
                + "): check the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or"
                + " AWS_PROFILE) and that they may use bucket '" + bucket + "'", e);
      }
      return new S3AccessException(Reason.OTHER,
          action + " failed: " + endpoint + " answered HTTP " + status
              + (code != null ? " (" + code + ")" : "") + ": " + s3.getMessage(), e);
    }
    String message = String.valueOf(e.getMessage());
    if (e instanceof SdkClientException && message.contains("credentials")) {
      return new S3AccessException(Reason.NO_CREDENTIALS,
          action + " failed: no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
              + " (or AWS_PROFILE, or run with a role)", e);
    }
    return new S3AccessException(Reason.UNREACHABLE, action + " failed: cannot reach " + endpoint + ": " + message, e);
  }
}
