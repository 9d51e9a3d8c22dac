package dev.runboard.eventlog.s3;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server for tests: S3Proxy on a random loopback port, in this JVM, storing objects
 * as files under a directory (its {@code filesystem-nio2} backend: object {@code key} of bucket
 * {@code b} is the file {@code root/b/key}). It checks AWS signatures (V2 and V4) against one
 * access key. {@link #stop()} and {@link #start()} take it down and bring it back on the same port
 * with the same objects, as a store that goes away and returns.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "runboard-test-access";
  public static final String SECRET_KEY = "runboard-test-secret";

  private final Path root;
  private final BlobStoreContext context;
  private S3Proxy proxy;
  private int port;

  private S3ProxyServer(Path root) {
    this.root = root;
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", root.toString());
    this.context = ContextBuilder.newBuilder("filesystem-nio2")
        .credentials("identity", "credential")
        .overrides(properties)
        .build(BlobStoreContext.class);
  }

  /** Starts a server storing its objects below {@code root} (created if missing). */
  public static S3ProxyServer start(Path root) throws Exception {
    Files.createDirectories(root);
    S3ProxyServer server = new S3ProxyServer(root);
    server.start();
    return server;
  }

  /** (Re)starts the server: on a free port the first time, on the same port after {@link #stop()}. */
  public synchronized void start() throws Exception {
    if (proxy != null) {
      return;
    }
    S3Proxy started = S3Proxy.builder()
        .blobStore(context.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    started.start();
    for (int i = 0; i < 500 && !"STARTED".equals(started.getState()); i++) {
      Thread.sleep(10);
    }
    port = started.getPort();
    proxy = started;
  }

  /** Stops answering (connections are refused) until {@link #start()}; the objects stay. */
  public synchronized void stop() throws Exception {
    if (proxy != null) {
      proxy.stop();
      proxy = null;
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** Settings that reach this server with its access key. */
  public S3Settings settings() {
    return new S3Settings(endpoint(), "us-east-1", true, credentials(ACCESS_KEY, SECRET_KEY));
  }

  /** Settings that reach this server with the wrong secret. */
  public S3Settings settingsWithWrongSecret() {
    return new S3Settings(endpoint(), "us-east-1", true, credentials(ACCESS_KEY, "not-the-secret"));
  }

  private static StaticCredentialsProvider credentials(String access, String secret) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret));
  }

  public S3Client client() {
    return settings().newClient(null);
  }

  public BlobStore blobStore() {
    return context.getBlobStore();
  }

  public void createBucket(String bucket) {
    context.getBlobStore().createContainerInLocation(null, bucket);
  }

  /** The file holding an object: writing it directly is how tests make objects S3 cannot (sparse 5 GB). */
  public Path objectFile(String bucket, String key) {
    return root.resolve(bucket).resolve(key);
  }

  /**
   * Stores an object by writing its file, with the MD5 attribute the store keeps beside it (its
   * listing needs one): much faster than a PUT for tests that need thousands of objects.
   */
  public void writeObject(String bucket, String key, byte[] bytes) throws Exception {
    Path file = objectFile(bucket, key);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    UserDefinedFileAttributeView attributes = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    attributes.write("user.content-md5", ByteBuffer.wrap(MessageDigest.getInstance("MD5").digest(bytes)));
  }

  @Override
  public void close() throws Exception {
    stop();
    context.close();
  }
}
