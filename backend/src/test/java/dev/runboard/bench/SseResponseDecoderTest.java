package dev.runboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseResponseDecoderTest {
  private static final String RESPONSE =
      "HTTP/1.1 200 \r\nContent-Type: text/event-stream;charset=UTF-8\r\nTransfer-Encoding: chunked\r\n\r\n"
          + chunk(": connected\n\n")
          + chunk("id: 5\nevent: scalars\ndata: {\"a\":")
          + chunk("1}\n\nid: 6\r\nevent: run\r\ndata: x\r\ndata: y\r\n\r\n")
          + "0\r\n\r\n";

  private static String chunk(String text) {
    return Integer.toHexString(text.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + text + "\r\n";
  }

  @Test
  void decodesChunkedEventsWhateverTheReadBoundaries() throws Exception {
    byte[] bytes = RESPONSE.getBytes(StandardCharsets.UTF_8);
    for (int step = 1; step <= bytes.length; step++) {
      List<SseResponseDecoder.Event> events = new ArrayList<>();
      SseResponseDecoder decoder = new SseResponseDecoder(events::add);
      for (int from = 0; from < bytes.length; from += step) {
        decoder.feed(ByteBuffer.wrap(bytes, from, Math.min(step, bytes.length - from)), from);
      }
      assertThat(decoder.streaming()).isTrue();
      assertThat(decoder.ended()).isTrue();
      assertThat(events).hasSize(3);
      assertThat(events.get(0).name()).isEqualTo("comment");
      assertThat(events.get(0).dataText()).isEqualTo("connected");
      assertThat(events.get(1).id()).isEqualTo("5");
      assertThat(events.get(1).name()).isEqualTo("scalars");
      assertThat(events.get(1).dataText()).isEqualTo("{\"a\":1}");
      assertThat(events.get(1).dataLines()).isEqualTo(1);
      assertThat(events.get(2).id()).isEqualTo("6");
      assertThat(events.get(2).dataText()).isEqualTo("x\ny");
      assertThat(events.get(2).dataLines()).isEqualTo(2);
    }
  }

  @Test
  void aResponseThatIsNotHttpIsAnError() {
    SseResponseDecoder decoder = new SseResponseDecoder(e -> {});
    assertThatThrownBy(() -> decoder.feed(ByteBuffer.wrap("SSH-2.0\r\n".getBytes(StandardCharsets.UTF_8)), 0))
        .hasMessageContaining("not an HTTP response");
  }
}
