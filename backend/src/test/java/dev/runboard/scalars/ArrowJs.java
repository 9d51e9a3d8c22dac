package dev.runboard.scalars;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Apache Arrow's JavaScript implementation (npm {@code apache-arrow}, run by node) as an
 * independent reader of the Arrow IPC streams the API answers. Installed once into {@code
 * target/arrow-js} from the npm registry.
 */
final class ArrowJs {
  private static final String PACKAGE = "apache-arrow@21.2.0";
  private final Path modules;
  private final Path script;

  private ArrowJs(Path modules, Path script) {
    this.modules = modules;
    this.script = script;
  }

  static ArrowJs install(Path scratch) throws Exception {
    Path prefix = Path.of("target", "arrow-js").toAbsolutePath();
    Path modules = prefix.resolve("node_modules");
    if (!Files.isDirectory(modules.resolve("apache-arrow"))) {
      Files.createDirectories(prefix);
      exec(new ProcessBuilder("npm", "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund", "--no-save",
          PACKAGE).directory(prefix.toFile()), 300);
    }
    Path script = scratch.resolve("read-table.js");
    try (InputStream in = ArrowJs.class.getResourceAsStream("/arrowjs/read-table.js")) {
      Files.copy(in, script);
    }
    return new ArrowJs(modules, script);
  }

  /** The stream as Arrow JS sees it: {"fields", "metadata", "batches", "columns": {name: [text]}}. */
  JsonNode read(byte[] stream, Path scratch) throws Exception {
    Path file = Files.createTempFile(scratch, "response", ".arrows");
    Files.write(file, stream);
    ProcessBuilder node = new ProcessBuilder("node", script.toString(), file.toString());
    node.environment().put("NODE_PATH", modules.toString());
    return new ObjectMapper().readTree(exec(node, 120));
  }

  private static String exec(ProcessBuilder command, int timeoutSeconds) throws Exception {
    Path stderr = Files.createTempFile("arrow-js", ".err");
    try {
      Process process = command.redirectError(stderr.toFile()).start();
      byte[] out = process.getInputStream().readAllBytes();
      assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("%s finished", command.command()).isTrue();
      assertThat(process.exitValue()).as("%s: %s", command.command(), Files.readString(stderr)).isZero();
      return new String(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(stderr);
    }
  }
}
