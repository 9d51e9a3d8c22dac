package dev.runboard.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decodes an HTTP/1.1 response that carries a Server-Sent-Event stream, from raw socket bytes:
 * status line, headers, chunked (or plain) body, then SSE lines into events. For clients that
 * read sockets themselves: many connections on one selector thread, or a test that stops reading.
 * Events are stamped with the time of the read that completed them.
 */
public final class SseResponseDecoder {
  /**
   * One event; comments ({@code :text} lines) arrive as events named {@code comment} with the text
   * as data.
   *
   * @param id the {@code id:} field, or {@code null} when the event had none
   * @param dataLines how many {@code data:} lines it had ({@code data} joins them with newlines)
   */
  public record Event(String id, String name, byte[] data, int dataLines, long receivedNanos) {
    public String dataText() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  /** Receives decoded events, on the thread that feeds the decoder. */
  @FunctionalInterface
  public interface Listener {
    void onEvent(Event event) throws IOException;
  }

  private enum State { STATUS, HEADERS, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, BODY, DONE }

  private final Listener listener;
  private State state = State.STATUS;
  private int status;
  private String contentType = "";
  private boolean chunked;
  private long chunkLeft;

  /** The status, header or chunk-size line being read. */
  private final StringBuilder head = new StringBuilder();
  /** The SSE line being read; a chunk boundary may fall inside it. */
  private byte[] line = new byte[256];
  private int lineLength;

  private String id;
  private String name;
  private byte[] data = new byte[256];
  private int dataLength;
  private int dataLines;

  public SseResponseDecoder(Listener listener) {
    this.listener = listener;
  }

  /** The response status, once the status line has arrived (0 before). */
  public int status() {
    return status;
  }

  /** Whether the headers have arrived with status 200 and type {@code text/event-stream}. */
  public boolean streaming() {
    return state.compareTo(State.CHUNK_SIZE) >= 0 && status == 200 && contentType.startsWith("text/event-stream");
  }

  /** Whether the body has ended (the last chunk arrived). */
  public boolean ended() {
    return state == State.DONE;
  }

  /** Decodes everything remaining in {@code bytes}, read at {@code receivedNanos}. */
  public void feed(ByteBuffer bytes, long receivedNanos) throws IOException {
    while (bytes.hasRemaining()) {
      switch (state) {
        case STATUS, HEADERS, CHUNK_SIZE, CHUNK_END -> {
          if (readHeadLine(bytes)) {
            String text = head.toString();
            head.setLength(0);
            headLine(text);
          }
        }
        case CHUNK_DATA -> {
          int n = (int) Math.min(chunkLeft, bytes.remaining());
          body(bytes, n, receivedNanos);
          chunkLeft -= n;
          if (chunkLeft == 0) {
            state = State.CHUNK_END;
          }
        }
        case BODY -> body(bytes, bytes.remaining(), receivedNanos);
        case DONE -> bytes.position(bytes.limit());
      }
    }
  }

  /** Reads a protocol line (CRLF or LF ended) into {@code head}; true when it is whole. */
  private boolean readHeadLine(ByteBuffer bytes) {
    while (bytes.hasRemaining()) {
      char c = (char) (bytes.get() & 0xff);
      if (c == '\n') {
        if (head.length() > 0 && head.charAt(head.length() - 1) == '\r') {
          head.setLength(head.length() - 1);
        }
        return true;
      }
      head.append(c);
    }
    return false;
  }

  private void headLine(String text) throws IOException {
    switch (state) {
      case STATUS -> {
        String[] parts = text.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
          throw new IOException("not an HTTP response: '" + text + "'");
        }
        status = Integer.parseInt(parts[1]);
        state = State.HEADERS;
      }
      case HEADERS -> {
        if (text.isEmpty()) {
          state = chunked ? State.CHUNK_SIZE : State.BODY;
          return;
        }
        int colon = text.indexOf(':');
        String header = colon < 0 ? text : text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : text.substring(colon + 1).strip();
        if (header.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        } else if (header.equals("content-type")) {
          contentType = value.toLowerCase(Locale.ROOT);
        }
      }
      case CHUNK_SIZE -> {
        int semicolon = text.indexOf(';');
        String size = (semicolon < 0 ? text : text.substring(0, semicolon)).strip();
        try {
          chunkLeft = Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
          throw new IOException("bad chunk size line '" + text + "'");
        }
        state = chunkLeft == 0 ? State.DONE : State.CHUNK_DATA;
      }
      case CHUNK_END -> {
        if (!text.isEmpty()) {
          throw new IOException("chunk not followed by CRLF: '" + text + "'");
        }
        state = State.CHUNK_SIZE;
      }
      default -> throw new IllegalStateException(state.toString());
    }
  }

  /** Feeds {@code n} body bytes to the SSE line parser, a line at a time. */
  private void body(ByteBuffer bytes, int n, long receivedNanos) throws IOException {
    int end = bytes.position() + n;
    while (bytes.position() < end) {
      int from = bytes.position();
      int newline = indexOfNewline(bytes, from, end);
      appendToLine(bytes, from, (newline < 0 ? end : newline) - from);
      if (newline < 0) {
        bytes.position(end);
        return;
      }
      bytes.position(newline + 1);
      if (lineLength > 0 && line[lineLength - 1] == '\r') {
        lineLength--;
      }
      eventLine(receivedNanos);
      lineLength = 0;
    }
  }

  private static int indexOfNewline(ByteBuffer bytes, int from, int end) {
    if (bytes.hasArray()) {
      byte[] array = bytes.array();
      int offset = bytes.arrayOffset();
      for (int i = from; i < end; i++) {
        if (array[offset + i] == '\n') {
          return i;
        }
      }
      return -1;
    }
    for (int i = from; i < end; i++) {
      if (bytes.get(i) == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void appendToLine(ByteBuffer bytes, int from, int length) {
    if (lineLength + length > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
    }
    bytes.get(from, line, lineLength, length);
    lineLength += length;
  }

  private void eventLine(long receivedNanos) throws IOException {
    if (lineLength == 0) {
      if (id != null || name != null || dataLines > 0) {
        listener.onEvent(
            new Event(id, name == null ? "message" : name, Arrays.copyOf(data, dataLength), dataLines, receivedNanos));
      }
      id = null;
      name = null;
      dataLength = 0;
      dataLines = 0;
    } else if (line[0] == ':') {
      int from = lineLength > 1 && line[1] == ' ' ? 2 : 1;
      listener.onEvent(new Event(null, "comment", Arrays.copyOfRange(line, from, lineLength), 0, receivedNanos));
    } else if (startsWith("data:")) {
      if (dataLines++ > 0) {
        appendToData((byte) '\n');
      }
      int from = valueStart(5);
      int length = lineLength - from;
      if (dataLength + length > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + length));
      }
      System.arraycopy(line, from, data, dataLength, length);
      dataLength += length;
    } else if (startsWith("id:")) {
      id = fieldValue(3);
    } else if (startsWith("event:")) {
      name = fieldValue(6);
    }
    // Other fields (retry:) are not needed here.
  }

  private boolean startsWith(String field) {
    if (lineLength < field.length()) {
      return false;
    }
    for (int i = 0; i < field.length(); i++) {
      if (line[i] != field.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** SSE strips one space after the colon. */
  private int valueStart(int afterColon) {
    return lineLength > afterColon && line[afterColon] == ' ' ? afterColon + 1 : afterColon;
  }

  private String fieldValue(int afterColon) {
    int from = valueStart(afterColon);
    return new String(line, from, lineLength - from, StandardCharsets.UTF_8);
  }

  private void appendToData(byte b) {
    if (dataLength == data.length) {
      data = Arrays.copyOf(data, data.length * 2);
    }
    data[dataLength++] = b;
  }
}
