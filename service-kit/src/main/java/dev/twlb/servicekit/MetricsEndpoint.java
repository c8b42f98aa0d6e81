package dev.twlb.servicekit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A service's {@code /metrics}: the Prometheus text its registry scrapes, on a port of its own. */
public final class MetricsEndpoint {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private MetricsEndpoint() {}

  /**
   * Serves {@code scrape} on {@code host:port} (0: any free port) with {@code vertx}, and waits until
   * it listens.
   *
   * @param service the service's name, for the error when the port cannot be had
   * @throws IllegalStateException naming the service, host, port and cause when it cannot listen
   */
  public static HttpServer serve(Vertx vertx, Supplier<String> scrape, String service, String host, int port) {
    try {
      return vertx.createHttpServer()
          .requestHandler(req -> req.response().putHeader("Content-Type", CONTENT_TYPE).end(scrape.get()))
          .listen(port, host).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(service + " was interrupted while opening /metrics on " + host + ":" + port, e);
    } catch (Exception e) {
      throw new IllegalStateException(service + " cannot serve /metrics on " + host + ":" + port + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    }
  }
}
