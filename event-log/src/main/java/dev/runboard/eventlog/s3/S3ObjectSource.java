package dev.runboard.eventlog.s3;

import dev.runboard.eventlog.LogFileHandle;
import dev.runboard.eventlog.LogFileSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A log file that is an object in S3, read with ranged GETs: {@link #open()} asks for the object's
 * size (one HEAD), and reads fetch only the bytes asked for, at least {@code readAhead} of them at
 * a time, so that a reader's many small reads (Arrow message prefixes, TFRecord headers) cost one
 * request and a reader that continues from an offset never downloads what it has read before. No
 * object is ever downloaded whole unless a reader asks for all of it; a handle holds at most one
 * read-ahead buffer, and only while it is open.
 *
 * <p>An object that grows is a new version of it, longer, with the same bytes in front (TensorFlow
 * and other writers re-upload a growing event file): the tail reads the new bytes only. A handle
 * has no {@link LogFileHandle#identity() identity}, as a grown object has a new ETag: an object that
 * became shorter is noticed by its size, and the discovery tells an object rewritten at the same
 * size by its ETag.
 */
public final class S3ObjectSource implements LogFileSource {
  /** Read-ahead per request when none is given: 4 MiB. */
  public static final int DEFAULT_READ_AHEAD = 4 << 20;

  private final S3Client client;
  private final S3Settings settings;
  private final String bucket;
  private final String key;
  private final Path name;
  private final int readAhead;
  private final S3Traffic traffic;

  /**
   * @param name the file's name as readers report it (its last element is how the format is
   *     recognised): usually the key relative to the logdir
   * @param traffic counts the downloaded bytes; may be null
   */
  public S3ObjectSource(
      S3Client client, S3Settings settings, String bucket, String key, Path name, int readAhead, S3Traffic traffic) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.key = Objects.requireNonNull(key, "key");
    this.name = Objects.requireNonNull(name, "name");
    if (readAhead < 1) {
      throw new IllegalArgumentException("readAhead must be positive, was " + readAhead);
    }
    this.readAhead = readAhead;
    this.traffic = traffic;
  }

  @Override
  public Path path() {
    return name;
  }

  public String bucket() {
    return bucket;
  }

  public String key() {
    return key;
  }

  @Override
  public LogFileHandle open() throws IOException {
    HeadObjectResponse head;
    try {
      head = client.headObject(b -> b.bucket(bucket).key(key));
    } catch (SdkException e) {
      throw failure("reading", e);
    }
    return new Handle(head.contentLength());
  }

  private IOException failure(String action, SdkException e) {
    if (e instanceof S3Exception s3 && s3.statusCode() == 404 && !isNoSuchBucket(s3)) {
      NoSuchFileException gone = new NoSuchFileException(toString());
      gone.initCause(e);
      return gone;
    }
    return S3AccessException.of(action + " " + this, e, bucket, settings);
  }

  private static boolean isNoSuchBucket(S3Exception e) {
    return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }

  private final class Handle implements LogFileHandle {
    private final long size;
    private byte[] buffer;
    private long bufferStart;
    private int bufferLength;

    Handle(long size) {
      this.size = size;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      if (position < 0) {
        throw new IllegalArgumentException("negative position " + position);
      }
      if (position >= size) {
        return -1;
      }
      if (!dst.hasRemaining()) {
        return 0;
      }
      if (buffer != null && position >= bufferStart && position < bufferStart + bufferLength) {
        int at = (int) (position - bufferStart);
        int n = Math.min(dst.remaining(), bufferLength - at);
        dst.put(buffer, at, n);
        return n;
      }
      long available = size - position;
      if (dst.remaining() >= readAhead && dst.hasArray()) {
        // A large read (a whole record body): straight into the reader's buffer.
        int count = (int) Math.min(dst.remaining(), available);
        int read = fetch(position, count, dst.array(), dst.arrayOffset() + dst.position());
        if (read > 0) {
          dst.position(dst.position() + read);
        }
        return read;
      }
      int count = (int) Math.min(Math.max(readAhead, dst.remaining()), available);
      if (buffer == null || buffer.length < count) {
        buffer = new byte[count];
      }
      int read = fetch(position, count, buffer, 0);
      if (read <= 0) {
        bufferLength = 0;
        return read;
      }
      bufferStart = position;
      bufferLength = read;
      int n = Math.min(dst.remaining(), read);
      dst.put(buffer, 0, n);
      return n;
    }

    /** GETs bytes [position, position + count): what the object holds of them, -1 if none. */
    private int fetch(long position, int count, byte[] into, int offset) throws IOException {
      String range = "bytes=" + position + "-" + (position + count - 1);
      try (ResponseInputStream<GetObjectResponse> in =
          client.getObject(b -> b.bucket(bucket).key(key).range(range))) {
        int total = readUpTo(in, into, offset, count);
        if (traffic != null) {
          traffic.downloaded(total);
        }
        return total == 0 ? -1 : total;
      } catch (S3Exception e) {
        if (e.statusCode() == 416) {
          return -1; // the object is shorter now than when it was opened
        }
        throw failure("reading", e);
      } catch (SdkException e) {
        throw failure("reading", e);
      }
    }

    @Override
    public Object identity() {
      return null;
    }

    @Override
    public void close() {
      buffer = null;
    }
  }

  private static int readUpTo(InputStream in, byte[] into, int offset, int count) throws IOException {
    int total = 0;
    while (total < count) {
      int n = in.read(into, offset + total, count - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }
}
