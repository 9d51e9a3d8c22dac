package dev.runboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runboard.RunboardApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Binding to other machines without authentication is refused by the service itself, not only by
 * the command line: {@code SERVER_ADDRESS=0.0.0.0} or a properties file reach it without {@code
 * runboard serve}. The server never listens in that case.
 */
class ExposureTest {
  @TempDir Path logdir;

  @Test
  void everyInterfaceWithoutAuthFailsAtStartupAndSaysHowToChoose() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(RunboardApplication.class).run(
            "--server.port=0", "--server.address=0.0.0.0", "--runboard.logdir=" + logdir))
        .hasStackTraceContaining("without authentication")
        .hasStackTraceContaining("--auth token")
        .hasStackTraceContaining("listen on 127.0.0.1 only");
  }

  @Test
  void bindAddressesAreClassified() {
    assertThat(BindAddress.isLoopback("127.0.0.1")).isTrue();
    assertThat(BindAddress.isLoopback("::1")).isTrue();
    assertThat(BindAddress.isLoopback("localhost")).isTrue();
    assertThat(BindAddress.isLoopback("0.0.0.0")).isFalse();
    assertThat(BindAddress.isLoopback("")).isFalse();
    assertThat(BindAddress.isLoopback("192.0.2.10")).isFalse();
  }
}
