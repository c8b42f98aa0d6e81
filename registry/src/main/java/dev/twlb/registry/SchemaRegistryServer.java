package dev.twlb.registry;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry over HTTP, backed by a compacted Kafka topic. It replays
 * the topic on start, so ids survive restarts, and catches up before each request, so several
 * instances on one topic see each other's writes.
 */
public final class SchemaRegistryServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);

  private final Vertx vertx;
  private final HttpServer http;
  private final SchemaLog schemaLog;
  private final String host;

  private SchemaRegistryServer(Vertx vertx, HttpServer http, SchemaLog schemaLog, String host) {
    this.vertx = vertx;
    this.http = http;
    this.schemaLog = schemaLog;
    this.host = host;
  }

  /**
   * Starts the registry.
   *
   * @param clientOverrides extra Kafka client properties (TLS, SASL) for the store's clients
   */
  public static SchemaRegistryServer start(RegistryConfig config, Map<String, Object> clientOverrides) {
    SchemaLog schemaLog = new SchemaLog(config, clientOverrides);
    SchemaStore store = new SchemaStore(schemaLog::append);
    schemaLog.catchUp(store);
    Vertx vertx = Vertx.vertx();
    try {
      HttpServer http = vertx.createHttpServer()
          .requestHandler(new RegistryApi(store, () -> schemaLog.catchUp(store)).router(vertx))
          .listen(config.port(), config.host())
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      SchemaRegistryServer server = new SchemaRegistryServer(vertx, http, schemaLog, config.host());
      log.info("Schema registry ready at {} ({} subjects in {})", server.url(), store.subjects().size(), config.topic());
      return server;
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      schemaLog.close();
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      vertx.close();
      schemaLog.close();
      throw new IllegalStateException("interrupted while starting the schema registry", e);
    }
  }

  public int port() {
    return http.actualPort();
  }

  /** The base URL clients use, e.g. {@code http://localhost:8081}. */
  public String url() {
    String shown = host.equals("0.0.0.0") ? "localhost" : host;
    return "http://" + shown + ":" + port();
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("schema registry HTTP server did not stop cleanly", e);
    } finally {
      schemaLog.close();
    }
  }
}
