package dev.runboard.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the OpenAPI document says about a REST endpoint of the service. Endpoints are found from
 * Spring's request mappings, so one without this annotation is still listed, with less to say.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiDoc {
  String summary();

  String description() default "";

  /** The media types the endpoint answers with. */
  String[] produces() default {"application/json"};

  /** An example request body, for endpoints that take one. */
  String requestBody() default "";
}
