package dev.runboard.index;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool of loader threads and the runs waiting for them: urgent runs (being viewed) first,
 * then the rest in the order they were scheduled. A run is never polled by two threads at once,
 * and a run scheduled while it is being polled is polled again right after.
 */
final class LoadScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LoadScheduler.class);

  private final Consumer<RunIndex> work;
  private final Object lock = new Object();
  private final LinkedHashSet<RunIndex> urgent = new LinkedHashSet<>();
  private final LinkedHashSet<RunIndex> normal = new LinkedHashSet<>();
  private final Set<RunIndex> running = new HashSet<>();
  private final Set<RunIndex> again = new HashSet<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;
  private volatile Throwable died;

  LoadScheduler(int threadCount, Consumer<RunIndex> work) {
    this.work = work;
    for (int i = 0; i < threadCount; i++) {
      Thread t = new Thread(this::loop, "runboard-loader-" + (i + 1));
      t.setDaemon(true);
      threads.add(t);
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  void schedule(RunIndex run, boolean isUrgent) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (running.contains(run)) {
        again.add(run);
        if (isUrgent) {
          urgent.add(run); // taken only once the current poll is done
          normal.remove(run);
        }
        return;
      }
      if (isUrgent) {
        normal.remove(run);
        urgent.add(run);
      } else if (!urgent.contains(run)) {
        normal.add(run);
      }
      lock.notify();
    }
  }

  /** Runs waiting or being polled. */
  int backlog() {
    synchronized (lock) {
      return urgent.size() + normal.size() + running.size();
    }
  }

  /** Whether every loader thread is alive: a dead one makes the service unhealthy. */
  boolean healthy() {
    return died == null && threads.stream().allMatch(Thread::isAlive);
  }

  Throwable failure() {
    return died;
  }

  private RunIndex take() throws InterruptedException {
    synchronized (lock) {
      while (true) {
        if (closed) {
          return null;
        }
        RunIndex next = first(urgent);
        if (next == null) {
          next = first(normal);
        }
        if (next != null) {
          running.add(next);
          return next;
        }
        lock.wait();
      }
    }
  }

  private RunIndex first(LinkedHashSet<RunIndex> queue) {
    for (RunIndex run : queue) {
      if (!running.contains(run)) {
        queue.remove(run);
        return run;
      }
    }
    return null;
  }

  private void loop() {
    try {
      while (true) {
        RunIndex run = take();
        if (run == null) {
          return;
        }
        try {
          work.accept(run);
        } catch (RuntimeException | OutOfMemoryError e) {
          // Per-file errors are handled inside the poll; this is a bug or a heap exhausted
          // elsewhere. Keep loading the other runs.
          log.error("Loading run '{}' failed", run.name(), e);
        } finally {
          synchronized (lock) {
            running.remove(run);
            if (again.remove(run) && !urgent.contains(run)) {
              normal.add(run);
            }
            lock.notifyAll();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      died = t;
      log.error("Loader thread {} died", Thread.currentThread().getName(), t);
      throw t;
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    for (Thread t : threads) {
      t.interrupt();
    }
    for (Thread t : threads) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
