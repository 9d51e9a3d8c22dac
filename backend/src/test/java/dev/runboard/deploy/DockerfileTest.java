package dev.runboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.cli.RunboardCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/**
 * backend/Dockerfile, checked without a Docker engine (none runs here): its instructions parsed
 * stage by stage. The build stage extracts Spring Boot's layers from the jar the build makes; the
 * runtime image copies each layer on its own, least changing first, runs as a non-root user, starts
 * the exploded launcher and checks its health with {@code runboard health} (no curl in the JRE image)
 * on the port the command serves. The CLI parts are parsed by the real command line.
 */
class DockerfileTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";
  /** Spring Boot's default layers, in the order its layers.idx lists them (least changing first). */
  private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

  /** One instruction: keyword and its arguments, continuation lines joined. */
  record Instruction(String keyword, String arguments) {
    /** The exec form (a JSON array) as a list. */
    List<String> exec() throws IOException {
      String json = arguments.substring(arguments.indexOf('['));
      return Arrays.asList(new ObjectMapper().readValue(json, String[].class));
    }
  }

  private static List<List<Instruction>> stages() throws IOException {
    List<List<Instruction>> stages = new ArrayList<>();
    StringBuilder logical = new StringBuilder();
    for (String line : Files.readAllLines(ROOT.resolve("backend/Dockerfile"))) {
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      String text = logical.toString().strip();
      logical.setLength(0);
      int space = text.indexOf(' ');
      Instruction instruction = new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT), text.substring(space + 1).strip());
      if (instruction.keyword().equals("FROM")) {
        stages.add(new ArrayList<>());
      }
      stages.get(stages.size() - 1).add(instruction);
    }
    return stages;
  }

  private static List<Instruction> all(List<Instruction> stage, String keyword) {
    return stage.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  @Test
  void theBuildStageExtractsTheLayersOfTheJarItBuilds() throws IOException {
    List<Instruction> build = stages().get(0);
    assertThat(build.get(0).arguments()).isEqualTo("eclipse-temurin:17-jdk AS build");
    List<String> runs = all(build, "RUN").stream().map(Instruction::arguments).toList();
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0)).contains("./mvnw", "-DskipTests", "-pl backend -am package").doesNotContain("install");
    assertThat(runs.get(1)).isEqualTo(
        "java -Djarmode=tools -jar backend/target/runboard.jar extract --layers --launcher --destination /layers");
  }

  @Test
  void theRuntimeImageCopiesEachLayerOnItsOwnAndRunsAsANonRootUser() throws IOException {
    List<List<Instruction>> stages = stages();
    assertThat(stages).hasSize(2);
    List<Instruction> runtime = stages.get(1);
    assertThat(runtime.get(0).arguments()).isEqualTo("eclipse-temurin:17-jre");
    assertThat(all(runtime, "COPY").stream().map(Instruction::arguments).toList())
        .containsExactlyElementsOf(LAYERS.stream().map(layer -> "--from=build /layers/" + layer + "/ ./").toList());
    assertThat(all(runtime, "WORKDIR")).extracting(Instruction::arguments).containsExactly("/app");
    assertThat(all(runtime, "RUN").get(0).arguments()).contains("useradd --system").contains("--uid 10001 runboard");

    List<String> keywords = runtime.stream().map(Instruction::keyword).toList();
    assertThat(all(runtime, "USER")).extracting(Instruction::arguments).containsExactly("runboard");
    assertThat(keywords.indexOf("USER")).as("USER after the last COPY and RUN, before the command")
        .isGreaterThan(keywords.lastIndexOf("COPY")).isGreaterThan(keywords.lastIndexOf("RUN"))
        .isLessThan(keywords.indexOf("ENTRYPOINT"));
    assertThat(all(runtime, "ENV")).extracting(Instruction::arguments)
        .contains("JAVA_TOOL_OPTIONS=\"--add-opens=java.base/java.nio=ALL-UNNAMED\"");
  }

  @Test
  void theCommandServesWithATokenAndTheHealthCheckAsksReadinessOnItsPort() throws IOException {
    List<Instruction> runtime = stages().get(1);
    List<String> entrypoint = all(runtime, "ENTRYPOINT").get(0).exec();
    assertThat(entrypoint).containsExactly("java", "-XX:+UseTransparentHugePages", "-cp", "/app", LAUNCHER);

    ParseResult serve = RunboardCli.commandLine().parseArgs(all(runtime, "CMD").get(0).exec().toArray(String[]::new));
    assertThat(serve.subcommand().commandSpec().name()).isEqualTo("serve");
    assertThat(serve.subcommand().matchedOptionValue("--auth", (Object) null)).hasToString("token");
    assertThat(serve.subcommand().matchedOptionValue("--host", "")).isEqualTo("0.0.0.0");
    int port = serve.subcommand().matchedOptionValue("--port", 0);
    assertThat(all(runtime, "ENV")).extracting(Instruction::arguments).contains("RUNBOARD_PORT=" + port);
    assertThat(all(runtime, "EXPOSE")).extracting(Instruction::arguments).containsExactly(String.valueOf(port));

    Instruction healthcheck = all(runtime, "HEALTHCHECK").get(0);
    assertThat(healthcheck.arguments()).contains("--interval=", "--timeout=", "--start-period=").contains(" CMD [");
    List<String> check = healthcheck.exec();
    assertThat(check).doesNotContain("curl", "wget");
    int launcher = check.indexOf(LAUNCHER);
    assertThat(check.subList(0, launcher)).startsWith("java").containsSequence("-cp", "/app");
    ParseResult health = RunboardCli.commandLine().parseArgs(check.subList(launcher + 1, check.size()).toArray(String[]::new));
    assertThat(health.subcommand().commandSpec().name()).isEqualTo("health");
  }
}
