package dev.runboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.cli.RunboardCli;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.ParseResult;

/**
 * No Docker engine runs where the tests run, so docker-compose.yml is checked as far as possible
 * without one: its structure, and that each service's command is one our CLI accepts.
 */
class DockerComposeTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> compose() throws IOException {
    try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
      return new Yaml().load(reader);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void dashboardAndTrainerShareTheLogdirVolume() throws IOException {
    Map<String, Object> compose = compose();
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    assertThat(services).containsOnlyKeys("dashboard", "trainer");
    assertThat(((Map<String, Object>) compose.get("volumes"))).containsKey("logs");

    Map<String, Object> dashboard = services.get("dashboard");
    Map<String, Object> build = (Map<String, Object>) dashboard.get("build");
    assertThat(ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")))
        .isRegularFile();
    assertThat((List<String>) dashboard.get("ports")).containsExactly("6006:6006");
    assertThat(services.get("trainer").get("image")).isEqualTo(dashboard.get("image"));
    for (Map<String, Object> service : services.values()) {
      assertThat((List<String>) service.get("volumes")).containsExactly("logs:/logs");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyServiceCommandIsAValidRunboardCommandOnTheSharedLogdir() throws IOException {
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose().get("services");
    ParseResult dashboard = parse((List<String>) services.get("dashboard").get("command"));
    assertThat(dashboard.subcommand().commandSpec().name()).isEqualTo("serve");
    assertThat(dashboard.subcommand().matchedOptionValue("--logdir", null).toString()).isEqualTo("/logs");
    assertThat(dashboard.subcommand().matchedOptionValue("--host", "")).isEqualTo("0.0.0.0");
    assertThat(dashboard.subcommand().matchedOptionValue("--port", 0)).isEqualTo(6006);

    ParseResult trainer = parse((List<String>) services.get("trainer").get("command"));
    assertThat(trainer.subcommand().commandSpec().name()).isEqualTo("train");
    assertThat(trainer.subcommand().matchedOptionValue("--logdir", null).toString()).isEqualTo("/logs");
  }

  @Test
  void theImageRunsTheJarTheBuildProduces() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("backend/Dockerfile"));
    assertThat(dockerfile).contains("/src/backend/target/runboard.jar").contains("--add-opens=java.base/java.nio=ALL-UNNAMED");
  }

  private static ParseResult parse(List<String> command) {
    return RunboardCli.commandLine().parseArgs(command.toArray(String[]::new));
  }
}
