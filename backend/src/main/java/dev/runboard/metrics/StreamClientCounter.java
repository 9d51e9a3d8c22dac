package dev.runboard.metrics;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the clients connected to the event stream: a stream request stays open (asynchronously)
 * until the client goes; it counts from its start to its async completion, error or timeout. A
 * filter, so it counts whatever serves the stream.
 */
public final class StreamClientCounter extends OncePerRequestFilter {
  private final AtomicInteger connected = new AtomicInteger();

  public int connected() {
    return connected.get();
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return true; // counted once, on the initial request
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    connected.incrementAndGet();
    AtomicBoolean counted = new AtomicBoolean(true);
    Runnable gone = () -> {
      if (counted.compareAndSet(true, false)) {
        connected.decrementAndGet();
      }
    };
    try {
      chain.doFilter(request, response);
    } finally {
      if (request.isAsyncStarted()) {
        request.getAsyncContext().addListener(new AsyncListener() {
          @Override
          public void onComplete(AsyncEvent event) {
            gone.run();
          }

          @Override
          public void onTimeout(AsyncEvent event) {
            gone.run();
          }

          @Override
          public void onError(AsyncEvent event) {
            gone.run();
          }

          @Override
          public void onStartAsync(AsyncEvent event) {}
        });
      } else {
        gone.run();
      }
    }
  }
}
