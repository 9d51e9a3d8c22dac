package dev.runboard.web;

/** A request named a run, tag or other resource that does not exist: answered with 404. */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
