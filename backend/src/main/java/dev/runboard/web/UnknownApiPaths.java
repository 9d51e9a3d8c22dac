package dev.runboard.web;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * {@code /api/**} paths that no endpoint serves answer 404 with a problem document, rather than
 * falling through to the Vaadin UI, whose catch-all route would answer them with its HTML page.
 *
 * <p>A handler mapping of its own, ordered after the controllers' ({@code
 * RequestMappingHandlerMapping}, order 0) and before Vaadin's ({@code Integer.MAX_VALUE - 1}): a
 * known path with the wrong method still gets the controllers' 405.
 */
@Configuration(proxyBeanMethods = false)
class UnknownApiPaths {
  @Bean
  SimpleUrlHandlerMapping unknownApiPathMapping(ProblemResponses problems) {
    HttpRequestHandler notFound =
        (request, response) ->
            problems.send(
                request,
                response,
                HttpStatus.NOT_FOUND,
                "no API endpoint at " + request.getMethod() + " " + request.getRequestURI());
    SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/api/**", notFound));
    mapping.setOrder(1);
    return mapping;
  }
}
