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
 * without one: its structure, and that each service's command is one our CLI accepts. The same
 * topology runs as processes in {@link TeamTopologyTest}.
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
  void minioWithABucketTheDashboardAndTwoTrainersShareNothingButTheStore() throws IOException {
    Map<String, Object> compose = compose();
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    assertThat(services).containsOnlyKeys("minio", "create-bucket", "dashboard", "trainer", "trainer-mlp", "dashboard-b", "lb");
    assertThat((String) services.get("minio").get("image")).matches("minio/minio:RELEASE\\.[0-9TZ-]+");
    assertThat((String) services.get("create-bucket").get("image")).matches("minio/mc:RELEASE\\.[0-9TZ-]+");
    assertThat((List<String>) services.get("create-bucket").get("command")).containsExactly("mb", "--ignore-existing", "store/runs");

    Map<String, Object> dashboard = services.get("dashboard");
    Map<String, Object> build = (Map<String, Object>) dashboard.get("build");
    assertThat(ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")))
        .isRegularFile();
    assertThat((List<String>) dashboard.get("ports")).containsExactly("6006:6006");
    assertThat((Map<String, Object>) dashboard.get("depends_on")).containsKey("create-bucket");
    assertThat((Map<String, String>) dashboard.get("environment")).containsKey("RUNBOARD_TOKEN");
    for (String name : List.of("dashboard", "dashboard-b", "trainer", "trainer-mlp")) {
      Map<String, Object> service = services.get(name);
      assertThat(service.get("image")).as(name).isEqualTo("runboard:local");
      assertThat(service).as(name + ": no shared volume, only the bucket").doesNotContainKey("volumes");
      assertThat((Map<String, String>) service.get("environment")).as(name)
          .containsEntry("AWS_ENDPOINT_URL", "http://minio:9000")
          .containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyServiceCommandIsAValidRunboardCommandOnTheBucket() throws IOException {
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose().get("services");
    ParseResult dashboard = parse((List<String>) services.get("dashboard").get("command"));
    assertThat(dashboard.subcommand().commandSpec().name()).isEqualTo("serve");
    assertThat(dashboard.subcommand().matchedOptionValue("--logdir", "")).isEqualTo("s3://runs/");
    assertThat(dashboard.subcommand().matchedOptionValue("--host", "")).isEqualTo("0.0.0.0");
    assertThat(dashboard.subcommand().matchedOptionValue("--port", 0)).isEqualTo(6006);
    assertThat(dashboard.subcommand().matchedOptionValue("--auth", (Object) null)).hasToString("token");

    for (String name : List.of("trainer", "trainer-mlp")) {
      ParseResult trainer = parse((List<String>) services.get(name).get("command"));
      assertThat(trainer.subcommand().commandSpec().name()).isEqualTo("train");
      assertThat(trainer.subcommand().matchedOptionValue("--logdir", "")).isEqualTo("s3://runs/");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDashboardUsesTheImagesHealthCheckAndTrainersNone() throws IOException {
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose().get("services");
    assertThat(services.get("dashboard")).as("the image's HEALTHCHECK (DockerfileTest)").doesNotContainKey("healthcheck");
    for (String name : List.of("trainer", "trainer-mlp")) {
      assertThat((Map<String, Object>) services.get(name).get("healthcheck")).as(name).containsEntry("disable", true);
      assertThat((Map<String, Map<String, String>>) services.get(name).get("depends_on"))
          .containsEntry("dashboard", Map.of("condition", "service_healthy"));
    }
  }

  /** The optional replicas profile: a second dashboard and nginx in front, sticky by client address. */
  @Test
  @SuppressWarnings("unchecked")
  void replicasSitBehindAStickyLoadBalancer() throws IOException {
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose().get("services");
    Map<String, Object> second = services.get("dashboard-b");
    Map<String, Object> lb = services.get("lb");
    assertThat(second.get("profiles")).isEqualTo(List.of("replicas"));
    assertThat(lb.get("profiles")).isEqualTo(List.of("replicas"));
    assertThat(second.get("command")).isEqualTo(services.get("dashboard").get("command"));
    assertThat((Map<String, String>) second.get("environment")).containsKey("RUNBOARD_TOKEN");
    assertThat((String) lb.get("image")).matches("nginx:\\d+\\.\\d+\\.\\d+-alpine");
    assertThat((List<String>) lb.get("volumes")).containsExactly("./deploy/nginx/runboard.conf:/etc/nginx/conf.d/default.conf:ro");
    assertThat((Map<String, Object>) lb.get("depends_on")).containsOnlyKeys("dashboard", "dashboard-b");

    String conf = Files.readString(ROOT.resolve("deploy/nginx/runboard.conf"));
    String upstream = conf.substring(conf.indexOf("upstream runboard {"), conf.indexOf('}', conf.indexOf("upstream runboard {")));
    assertThat(upstream).contains("ip_hash;", "server dashboard:6006;", "server dashboard-b:6006;");
    assertThat(conf).contains("proxy_pass http://runboard;", "proxy_buffering off;", "proxy_set_header Host $host;");
  }

  private static ParseResult parse(List<String> command) {
    return RunboardCli.commandLine().parseArgs(command.toArray(String[]::new));
  }
}
