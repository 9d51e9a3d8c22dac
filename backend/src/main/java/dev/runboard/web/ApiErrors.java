package dev.runboard.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the REST API as RFC 9457 problem documents ({@code application/problem+json}), with a
 * {@code detail} a person can act on. Spring's own errors (a missing parameter, say) get the same
 * shape through {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice(basePackages = "dev.runboard")
class ApiErrors extends ResponseEntityExceptionHandler {
  @ExceptionHandler(BadRequestException.class)
  ProblemDetail badRequest(BadRequestException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setProperty("parameter", e.parameter());
    return problem;
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }
}
