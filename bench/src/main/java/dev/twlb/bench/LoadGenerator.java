package dev.twlb.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Open-loop load at a fixed rate over a list of URLs (taken in turn), recording every latency in HdrHistogram. */
final class LoadGenerator implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
      new PoolOptions().setHttp1MaxSize(256));

  record Result(double offered, double completedPerSecond, long errors, double p50Ms, double p99Ms) {
    boolean sustained() {
      return completedPerSecond >= 0.95 * offered && errors == 0 && p99Ms < 250;
    }
  }

  Result run(List<URI> targets, double rate, Duration duration) throws InterruptedException {
    Histogram latencies = new ConcurrentHistogram(60_000_000L, 3);
    AtomicLong errors = new AtomicLong();
    long total = (long) (rate * duration.toMillis() / 1000);
    CountDownLatch done = new CountDownLatch((int) total);
    long start = System.nanoTime();
    long intervalNanos = (long) (1e9 / rate);
    AtomicLong next = new AtomicLong();
    long timer = vertx.setPeriodic(1, id -> {
      long due = Math.min(total, (System.nanoTime() - start) / intervalNanos + 1);
      for (long i = next.get(); i < due; i = next.incrementAndGet()) {
        URI target = targets.get((int) (i % targets.size()));
        long sent = System.nanoTime();
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(target.getHost()).setPort(target.getPort())
                .setURI(target.getPath()))
            .compose(request -> request.send())
            .compose(response -> response.body().map(body -> response.statusCode()))
            .onComplete(result -> {
              if (result.succeeded() && result.result() == 200) {
                latencies.recordValue(Math.max(1, (System.nanoTime() - sent) / 1_000));
              } else {
                errors.incrementAndGet();
              }
              done.countDown();
            });
      }
    });
    done.await(duration.toMillis() + 30_000, TimeUnit.MILLISECONDS);
    vertx.cancelTimer(timer);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(rate, latencies.getTotalCount() / seconds, errors.get() + done.getCount(),
        latencies.getValueAtPercentile(50) / 1000.0, latencies.getValueAtPercentile(99) / 1000.0);
  }

  @Override
  public void close() {
    vertx.close();
  }
}
