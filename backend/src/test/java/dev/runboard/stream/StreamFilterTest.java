package dev.runboard.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamFilterTest {
  private static StreamFrame.Topic topic(String run, String tag) {
    return new StreamFrame.Topic(run, tag);
  }

  @Test
  void regexesAreFoundAnywhereInTheNameUnlessAnchored() {
    StreamFilter filter = StreamFilter.of("train", "loss");
    assertThat(filter.matches(topic("mnist/train", "epoch_loss"))).isTrue();
    assertThat(filter.matches(topic("mnist/validation", "epoch_loss"))).isFalse();
    assertThat(filter.matches(topic("mnist/train", "accuracy"))).isFalse();

    StreamFilter anchored = StreamFilter.of("^train$", null);
    assertThat(anchored.matches(topic("train", "x"))).isTrue();
    assertThat(anchored.matches(topic("mnist/train", "x"))).isFalse();
  }

  @Test
  void aFrameWithoutATagIsMatchedOnItsRunAlone() {
    StreamFilter filter = StreamFilter.of("^a$", "^loss$");
    assertThat(filter.matches(topic("a", null))).isTrue();
    assertThat(filter.matches(topic("b", null))).isFalse();
  }

  @Test
  void missingOrEmptyParametersMatchEverything() {
    assertThat(StreamFilter.of(null, null)).isSameAs(StreamFilter.ALL);
    assertThat(StreamFilter.of("", "")).isSameAs(StreamFilter.ALL);
    assertThat(StreamFilter.of(null, "x").matches(topic("any", "x"))).isTrue();
  }

  @Test
  void anInvalidRegexNamesItsParameter() {
    assertThatThrownBy(() -> StreamFilter.of("(", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("parameter 'run' is not a valid regular expression: Unclosed group");
    assertThatThrownBy(() -> StreamFilter.of("ok", "*x"))
        .hasMessageStartingWith("parameter 'tag' is not a valid regular expression: Dangling meta character");
  }

  @Test
  void theMatchCacheIsBoundedAndStaysCorrectBeyondIt() {
    StreamFilter filter = StreamFilter.of("^run-\\d*[02468]$", null);
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < StreamFilter.CACHED_TOPICS * 4; i++) {
        assertThat(filter.matches(topic("run-" + i, "t"))).isEqualTo(i % 2 == 0);
      }
    }
    assertThat(filter.cachedTopics()).isEqualTo(StreamFilter.CACHED_TOPICS);
  }
}
