package dev.runboard.web;

import org.awaitility.Awaitility;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Waits until a test server has loaded every run found at startup: its readiness probe says UP.
 * The API answers before that, with what is loaded so far; tests that check whole logdirs wait.
 */
public final class ServerReady {
  private ServerReady() {}

  public static void await(int port) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build();
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> http.send(probe, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
  }
}
