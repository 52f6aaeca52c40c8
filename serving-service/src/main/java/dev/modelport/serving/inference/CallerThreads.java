package dev.modelport.serving.inference;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/**
 * Where a request's result is handed back to: the Vert.x context the request arrived on (its event
 * loop), captured on the calling thread. Completing there runs the per-request work behind the
 * result (cutting the rows out of the batch, metrics, response encoding, the transport write) on
 * the transport threads, in parallel, instead of on the batcher thread; the write needs a turn of
 * that event loop anyway, so it costs no extra hop. Outside a Vert.x context results complete on
 * the batcher thread. Stateless.
 */
public final class CallerThreads {

  /** Runs tasks on the calling thread (the batcher thread, for a batcher's results). */
  public static final Executor DIRECT = Runnable::run;

  private CallerThreads() {}

  /** The current thread's Vert.x context as an executor, or {@link #DIRECT} outside one. */
  public static Executor current() {
    Context context = Vertx.currentContext();
    if (context == null) {
      return DIRECT;
    }
    return task -> context.runOnContext(ignored -> task.run());
  }
}
