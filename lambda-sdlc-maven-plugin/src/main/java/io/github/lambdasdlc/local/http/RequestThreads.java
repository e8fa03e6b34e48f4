package io.github.lambdasdlc.local.http;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that serve requests: an idle one if there is one, else a new one up to a cap, else the request
 * waits in a queue for the next free thread. A plain {@link ThreadPoolExecutor} either queues before it grows
 * (so a queue would serialize invocations, which hold their thread until the function answers) or refuses past
 * its cap (and the JDK server then closes the connection): while a flood of connections holds every thread,
 * a client's request would be lost instead of late.
 */
public final class RequestThreads {
  private RequestThreads() {
  }

  /** A queue that turns down work while the pool may still grow by a thread, so that the pool grows first. */
  private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {
    private transient ThreadPoolExecutor pool;

    @Override
    public boolean offer(Runnable task) {
      if (pool.getPoolSize() < pool.getMaximumPoolSize() && pool.getActiveCount() >= pool.getPoolSize()) {
        return false;
      }
      return super.offer(task);
    }

    /** Queues past the cap (called when the pool refused the task). */
    void force(Runnable task) {
      super.offer(task);
    }
  }

  /** A pool of up to {@code max} daemon threads named {@code <name>-<n>}, idle ones ending after 30 s. */
  public static ThreadPoolExecutor create(String name, int max) {
    GrowFirstQueue queue = new GrowFirstQueue();
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(2, max, 30, TimeUnit.SECONDS, queue, r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, (task, executor) -> {
      if (!executor.isShutdown()) {
        queue.force(task);
      }
    });
    queue.pool = pool;
    return pool;
  }
}
