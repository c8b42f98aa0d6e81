package dev.twlb.traffic;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open-loop load: Poisson arrivals at a mean rate, each sent without waiting for earlier answers,
 * so one slow node never slows the load for the others (the prototype's synchronous loop did).
 */
public final class TrafficGenerator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TrafficGenerator.class);
  /** How often the generator checks that answers keep up with arrivals. */
  private static final long WATCH_MS = 5_000;
  /**
   * Requests waiting for an answer beyond this many seconds of arrivals mean the cluster answers slower than the
   * traffic arrives: even with a node of six delayed of fifteen, the mean wait stays under a second.
   */
  private static final double QUEUED_SECONDS = 3;
  /** The header the balancer names its outcome in; answers without it count by HTTP status. */
  private static final String OUTCOME_HEADER = "X-Outcome";

  private final TrafficConfig config;
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;
  private final SplittableRandom random;
  private final URI target;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, AtomicLong> byOutcome = new ConcurrentHashMap<>();
  private final CompletableFuture<TrafficStats> done = new CompletableFuture<>();
  private long startNanos;
  private double nextArrivalNanos;
  private volatile boolean stopped;
  private volatile String lastFailure;
  private long droppedAtLastWatch;
  private boolean behind;

  private TrafficGenerator(TrafficConfig config) {
    this.config = config;
    this.target = config.target();
    this.random = config.seed() == 0 ? new SplittableRandom() : new SplittableRandom(config.seed());
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(Math.min(config.maxInFlight(), 2_000)));
  }

  public static TrafficGenerator start(TrafficConfig config) {
    TrafficGenerator generator = new TrafficGenerator(config);
    generator.vertx.runOnContext(v -> {
      generator.startNanos = System.nanoTime();
      generator.nextArrivalNanos = generator.gapNanos();
      generator.scheduleNext();
      generator.vertx.setPeriodic(WATCH_MS, id -> generator.watch());
    });
    if (config.capped()) {
      log.warn("traffic held at {} to {}", config.describeRate(), config.target());
    } else {
      log.info("traffic: {} to {}", config.describeRate(), config.target());
    }
    return generator;
  }

  public TrafficStats stats() {
    Map<String, Long> outcomes = new TreeMap<>();
    byOutcome.forEach((k, v) -> outcomes.put(k, v.get()));
    double elapsed = startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1e9;
    if (config.duration().toNanos() > 0) {
      elapsed = Math.min(elapsed, config.duration().toNanos() / 1e9);
    }
    return new TrafficStats(sent.get(), answered.get(), dropped.get(), failed.get(), outcomes, elapsed, lastFailure);
  }

  /** Waits up to {@code timeout} for the requests still in flight to be answered; true when none is left. */
  public boolean awaitDrained(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return inFlight.get() == 0;
  }

  /** Completes with the final stats once {@code duration} is over (never, when it runs until stopped). */
  public CompletableFuture<TrafficStats> done() {
    return done;
  }

  /** Says when answers fall behind the arrivals (and when they keep up again): the rate is more than is served. */
  private void watch() {
    long droppedNow = dropped.get();
    int waiting = inFlight.get();
    boolean late = droppedNow > droppedAtLastWatch || waiting > config.rate() * QUEUED_SECONDS;
    if (late && !behind) {
      log.warn("traffic: answers fall behind: {} requests wait, {} arrivals dropped in {} s, at {}/s; latencies now"
          + " include queueing: lower the rate", waiting, droppedNow - droppedAtLastWatch, WATCH_MS / 1000,
          String.format(java.util.Locale.ROOT, "%.1f", config.rate()));
    } else if (!late && behind) {
      log.info("traffic: answers keep up again ({} requests wait)", waiting);
    }
    behind = late;
    droppedAtLastWatch = droppedNow;
  }

  private double gapNanos() {
    return -Math.log(1.0 - random.nextDouble()) / config.rate() * 1e9;
  }

  private void scheduleNext() {
    long waitMs = Math.max(1, (long) Math.ceil((nextArrivalNanos - (System.nanoTime() - startNanos)) / 1e6));
    vertx.setTimer(waitMs, t -> arrive());
  }

  private void arrive() {
    long elapsed = System.nanoTime() - startNanos;
    long limit = config.duration().toNanos();
    while (!stopped && nextArrivalNanos <= elapsed && (limit == 0 || nextArrivalNanos < limit)) {
      send();
      nextArrivalNanos += gapNanos();
    }
    if (stopped || (limit > 0 && nextArrivalNanos >= limit)) {
      done.complete(stats());
    } else {
      scheduleNext();
    }
  }

  private void send() {
    sent.incrementAndGet();
    if (inFlight.incrementAndGet() > config.maxInFlight()) {
      inFlight.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(target.getHost())
        .setPort(target.getPort()).setURI(target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
        .setIdleTimeout(config.timeoutMs());
    client.request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> {
          String outcome = response.getHeader(OUTCOME_HEADER);
          return outcome != null ? outcome : "HTTP_" + response.statusCode();
        }))
        .onComplete(result -> {
          inFlight.decrementAndGet();
          if (result.succeeded()) {
            answered.incrementAndGet();
            byOutcome.computeIfAbsent(result.result(), k -> new AtomicLong()).incrementAndGet();
          } else {
            failed.incrementAndGet();
            lastFailure = result.cause().toString();
          }
        });
  }

  @Override
  public void close() {
    stopped = true;
    done.complete(stats());
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
  }
}
