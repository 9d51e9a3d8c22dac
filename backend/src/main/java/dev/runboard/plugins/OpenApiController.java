package dev.runboard.plugins;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/openapi.json}: the API described as OpenAPI 3.1 ({@link OpenApiDocument}). */
@RestController
class OpenApiController {
  private final Map<String, Object> document;

  OpenApiController(PluginRouteCatalog catalog) {
    this.document = OpenApiDocument.of(catalog);
  }

  @GetMapping(value = "/api/v1/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> openApi() {
    return document;
  }
}
