package dev.runboard.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayRingTest {
  private static StreamFrame frame(long id, int size) {
    return new StreamFrame(id, "scalars", "run", "tag", new byte[size], 0);
  }

  private static List<Long> ids(List<StreamFrame> frames) {
    return frames.stream().map(StreamFrame::id).toList();
  }

  @Test
  void returnsTheFramesAfterAnIdItCovers() {
    ReplayRing ring = new ReplayRing(1000, 100);
    for (long id = 101; id <= 105; id++) {
      ring.add(frame(id, 10));
    }
    assertThat(ids(ring.after(100).orElseThrow())).containsExactly(101L, 102L, 103L, 104L, 105L);
    assertThat(ids(ring.after(103).orElseThrow())).containsExactly(104L, 105L);
    assertThat(ring.after(105).orElseThrow()).isEmpty();
  }

  @Test
  void anIdBeforeTheStartOrAfterTheLastFrameIsNotCovered() {
    ReplayRing ring = new ReplayRing(1000, 100);
    assertThat(ring.after(100).orElseThrow()).isEmpty(); // nothing published yet, nothing missed
    assertThat(ring.after(99)).isEmpty();
    assertThat(ring.after(0)).isEmpty();
    ring.add(frame(101, 10));
    assertThat(ring.after(102)).isEmpty(); // from another server process
  }

  @Test
  void evictsTheOldestFramesBeyondTheByteBoundButKeepsTheNewest() {
    ReplayRing ring = new ReplayRing(100, 0);
    for (long id = 1; id <= 10; id++) {
      ring.add(frame(id, 30));
    }
    assertThat(ring.size()).isEqualTo(3);
    assertThat(ring.bytes()).isEqualTo(90);
    assertThat(ring.after(6)).isEmpty();
    assertThat(ids(ring.after(7).orElseThrow())).containsExactly(8L, 9L, 10L);

    ring.add(frame(11, 500));
    assertThat(ring.size()).isEqualTo(1);
    assertThat(ids(ring.after(10).orElseThrow())).containsExactly(11L);
    assertThat(ring.after(9)).isEmpty();
  }

  @Test
  void framesMustComeInIdOrderWithoutGaps() {
    ReplayRing ring = new ReplayRing(100, 0);
    ring.add(frame(1, 1));
    assertThatThrownBy(() -> ring.add(frame(3, 1))).hasMessageContaining("does not follow 1");
  }
}
