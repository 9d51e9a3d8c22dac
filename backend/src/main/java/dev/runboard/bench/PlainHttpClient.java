package dev.runboard.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client over one kept-alive blocking socket: GET, then the status line,
 * headers, and a body by length or in chunks, read through a 256 KB buffer. Benchmarks time a
 * server with it because the JDK's {@code HttpClient} drains large answers slowly (a 327 KB
 * answer took it about 10 ms on two shared cores), and a server writing an answer waits for its
 * client to read: the client's pace would show as server time. Not thread-safe.
 */
public final class PlainHttpClient implements AutoCloseable {
  private static final int BUFFER = 256 << 10;

  private final InetSocketAddress address;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /** An answer: its status and body. */
  public record Response(int status, byte[] body) {}

  public PlainHttpClient(URI server) {
    this.address = new InetSocketAddress(server.getHost(), server.getPort());
  }

  /** GETs a path (with its query) on the server; reconnects when the server closed the socket. */
  public Response get(String pathAndQuery) throws IOException {
    byte[] request = ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + address.getHostString() + ":"
        + address.getPort() + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    for (int attempt = 0; ; attempt++) {
      if (socket == null) {
        connect();
      }
      try {
        out.write(request);
        out.flush();
        return readResponse();
      } catch (IOException e) {
        close();
        if (attempt > 0) {
          throw e;
        }
      }
    }
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setReceiveBufferSize(BUFFER);
    socket.connect(address, 10_000);
    socket.setSoTimeout(60_000);
    in = new BufferedInputStream(socket.getInputStream(), BUFFER);
    out = socket.getOutputStream();
  }

  private Response readResponse() throws IOException {
    String status = line();
    if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
      throw new IOException("not an HTTP/1.1 status line: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean closes = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      String name = colon < 0 ? header : header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = colon < 0 ? "" : header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" -> closes = value.contains("close");
        default -> { }
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(length > 0 ? (int) length : 64 << 10);
    if (chunked) {
      for (long size = chunkSize(); size > 0; size = chunkSize()) {
        copy(size, body);
        line(); // the CRLF after the chunk
      }
      while (!line().isEmpty()) {
        // trailers
      }
    } else if (length >= 0) {
      copy(length, body);
    } else {
      in.transferTo(body);
      closes = true;
    }
    if (closes) {
      close();
    }
    return new Response(code, body.toByteArray());
  }

  private long chunkSize() throws IOException {
    String size = line();
    int extension = size.indexOf(';');
    return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
  }

  private void copy(long n, ByteArrayOutputStream to) throws IOException {
    byte[] buffer = new byte[(int) Math.min(n, BUFFER)];
    while (n > 0) {
      int read = in.read(buffer, 0, (int) Math.min(n, buffer.length));
      if (read < 0) {
        throw new IOException("the connection closed " + n + " bytes before the end of the body");
      }
      to.write(buffer, 0, read);
      n -= read;
    }
  }

  /** A line without its CRLF. */
  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the connection closed in the middle of a line");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }
}
