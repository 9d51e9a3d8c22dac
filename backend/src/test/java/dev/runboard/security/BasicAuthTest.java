package dev.runboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runboard.web.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code --auth basic} against a users file of bcrypt hashes (as {@code htpasswd -nB} writes them,
 * {@code $2y$} included), through real HTTP requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BasicAuthTest {
  @TempDir static Path dir;
  @LocalServerPort int port;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) throws Exception {
    Files.createDirectories(dir.resolve("logs"));
    String ada = new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2Y, 4).encode("ada's secret");
    String bob = new BCryptPasswordEncoder(4).encode("bob's secret");
    Files.writeString(dir.resolve("users"), "# team\nada:" + ada + "\n\nbob:{bcrypt}" + bob + "\n");
    registry.add("runboard.logdir", () -> dir.resolve("logs").toString());
    registry.add("runboard.security.auth", () -> "basic");
    registry.add("runboard.security.users-file", () -> dir.resolve("users").toString());
  }

  private static Map<String, String> basic(String user, String password) {
    return Map.of("Authorization", "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void usersOfTheFileGetInOthersDoNot() throws Exception {
    for (String path : new String[] {"/api/v1/runs", "/api/v1/stream", "/", "/actuator/info"}) {
      RawHttp.Response denied = RawHttp.get(port, path, Map.of());
      assertThat(denied.status()).as(path).isEqualTo(401);
      assertThat(denied.header("WWW-Authenticate")).as(path).isEqualTo("Basic realm=\"Runboard\"");
    }
    assertThat(RawHttp.get(port, "/api/v1/runs", basic("ada", "ada's secret")).status()).isEqualTo(200);
    assertThat(RawHttp.get(port, "/api/v1/runs", basic("bob", "bob's secret")).status()).isEqualTo(200);
    assertThat(RawHttp.get(port, "/api/v1/runs", basic("ada", "bob's secret")).status()).isEqualTo(401);
    assertThat(RawHttp.get(port, "/api/v1/runs", basic("eve", "ada's secret")).status()).isEqualTo(401);
    assertThat(RawHttp.get(port, "/actuator/health", Map.of()).status()).isEqualTo(200);
  }

  @Test
  void aPlainTextPasswordInTheFileIsRefusedSayingWhere() throws Exception {
    Path users = Files.writeString(dir.resolve("plain"), "ada:ada's secret\n");
    assertThatThrownBy(() -> UsersFile.load(users))
        .isInstanceOf(ConfigurationProblem.class)
        .hasMessageContaining(users.toString())
        .hasMessageContaining("'ada' is not a bcrypt hash");
  }
}
