package dev.runboard.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamFrameTest {
  @Test
  void aFrameIsIdEventAndOneDataLine() {
    byte[] frame = StreamFrame.encode(42, "run", "{\"name\":\"é\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(frame, StandardCharsets.UTF_8))
        .isEqualTo("id: 42\nevent: run\ndata: {\"name\":\"é\"}\n\n");
  }

  @Test
  void dataWithALineBreakIsRefused() {
    assertThatThrownBy(() -> StreamFrame.encode(1, "scalars", "{\n}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("line break at byte 1");
    assertThatThrownBy(() -> StreamFrame.encode(1, "scalars", "{\r}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("line break at byte 1");
    assertThatThrownBy(() -> StreamFrame.encode(1, "a\nb", new byte[0])).hasMessageContaining("invalid event name");
  }

  @Test
  void aResyncCarriesItsReasonAndLastIdAsJsonAndAsTheEventId() {
    assertThat(new String(StreamFrame.resync(7, "client-behind"), StandardCharsets.UTF_8))
        .isEqualTo("id: 7\nevent: resync\ndata: {\"reason\":\"client-behind\",\"last_id\":7}\n\n");
  }
}
