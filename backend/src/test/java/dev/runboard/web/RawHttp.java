package dev.runboard.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.0 requests over a plain socket, with any header, {@code Host} included (the JDK's clients
 * refuse to set it): for the Host allow-list tests. The server closes the connection after the
 * response, so the body is everything after the headers.
 */
public final class RawHttp {
  /** A response; header names lower-case. */
  public record Response(int status, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }

    public List<String> headers(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
  }

  private RawHttp() {}

  /** {@code METHOD path} to 127.0.0.1:port with these headers (give Host yourself, or it is localhost:port). */
  public static Response request(int port, String method, String path, Map<String, String> headers) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.0\r\n");
      Map<String, String> all = new LinkedHashMap<>();
      all.put("Host", "localhost:" + port);
      all.putAll(headers);
      all.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return parse(socket.getInputStream());
    }
  }

  public static Response get(int port, String path, Map<String, String> headers) throws IOException {
    return request(port, "GET", path, headers);
  }

  private static Response parse(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    in.transferTo(bytes);
    String text = bytes.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    String body = end < 0 ? "" : text.substring(end + 4);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
    }
    return new Response(status, headers, body);
  }
}
