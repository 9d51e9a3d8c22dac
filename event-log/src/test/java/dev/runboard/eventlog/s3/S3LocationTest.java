package dev.runboard.eventlog.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class S3LocationTest {
  @Test
  void parsesBucketAndPrefixAsADirectory() {
    assertThat(S3Location.parse("s3://runs")).isEqualTo(new S3Location("runs", ""));
    assertThat(S3Location.parse("s3://runs/")).isEqualTo(new S3Location("runs", ""));
    assertThat(S3Location.parse("s3://runs/team//exp/")).isEqualTo(new S3Location("runs", "team/exp/"));
    assertThat(S3Location.parse("S3://runs/a").toString()).isEqualTo("s3://runs/a/");
    assertThat(S3Location.parse("s3://runs/a").resolve("b/c").key("events.x")).isEqualTo("a/b/c/events.x");
    assertThat(S3Location.parse("s3://runs/a/").relativize("a/b/f")).isEqualTo("b/f");
  }

  @Test
  void refusesWhatIsNotAnS3Location() {
    assertThat(S3Location.isS3("/local/dir")).isFalse();
    assertThat(S3Location.isS3("s3://b/x")).isTrue();
    assertThatThrownBy(() -> S3Location.parse("s3:///x")).hasMessageContaining("bucket");
    assertThatThrownBy(() -> S3Location.parse("s3://b/../x")).hasMessageContaining("'..'");
    assertThatThrownBy(() -> S3Location.parse("gs://b/x")).hasMessageContaining("not an s3://");
  }

  @Test
  void stagingMirrorsBucketAndPrefix() {
    S3WriterOptions options = S3WriterOptions.defaults().withStagingDirectory(Path.of("/stage"));
    assertThat(options.stagingFor(S3Location.parse("s3://runs/exp/train"))).isEqualTo(Path.of("/stage/runs/exp/train"));
  }
}
