package dev.runboard.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the OpenAPI document says about a request parameter: parameters are often taken as text
 * (to answer a bad one with a 400 naming it), so their type on the wire is declared here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ApiParam {
  /** The description. */
  String value();

  /** The OpenAPI type: string, integer, number or boolean. */
  String type() default "string";

  /** The values allowed, if a fixed set. */
  String[] allowed() default {};
}
