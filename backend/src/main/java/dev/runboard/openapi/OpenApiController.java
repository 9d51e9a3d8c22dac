package dev.runboard.openapi;

import dev.runboard.plugins.PluginRouteCatalog;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 document of everything under {@code /api/}. */
@RestController
class OpenApiController {
  private final RequestMappingHandlerMapping mappings;
  private final PluginRouteCatalog catalog;
  private final List<ApiEndpoint> endpoints;

  OpenApiController(
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings, PluginRouteCatalog catalog,
      List<ApiEndpoint> endpoints) {
    this.mappings = mappings;
    this.catalog = catalog;
    this.endpoints = List.copyOf(endpoints);
  }

  @ApiDoc(summary = "This document: every endpoint of the service and of every plugin (OpenAPI 3.1)")
  @GetMapping("/api/v1/openapi.json")
  Map<String, Object> openApi() {
    String version = OpenApiController.class.getPackage().getImplementationVersion();
    return OpenApiDocument.build(mappings.getHandlerMethods(), catalog, endpoints, version == null ? "development" : version);
  }
}
