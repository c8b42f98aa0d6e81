package dev.twlb.nodes.server;

import dev.twlb.schemas.FaultAssignment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's listening socket, opened and closed by its governor (crash, flapping) from the node's event loop, so the
 * server it opens runs there. While one switch is under way, another is a no-op: the next tick asks again.
 */
final class NodeListener {
  private static final Logger log = LoggerFactory.getLogger(NodeListener.class);

  private final Vertx vertx;
  private final Router router;
  private final NodeConfig config;
  private HttpServer listening;
  private boolean switching;
  private boolean everListened;

  NodeListener(Vertx vertx, Router router, NodeConfig config) {
    this.vertx = vertx;
    this.router = router;
    this.config = config;
  }

  /** Whether a flapping node is in the off half of its period at {@code now}. */
  static boolean flappingOff(FaultAssignment a, long now) {
    long period = Math.max(100, Math.round(a.getParams().getOrDefault("period_ms", 3000.0)));
    return ((now - a.getEffectiveFromMs().toEpochMilli()) / period) % 2 == 1;
  }

  synchronized boolean isListening() {
    return listening != null;
  }

  /** Whether it ever accepted connections: a node that starts during its crash epoch has not, and does not "crash". */
  synchronized boolean everListened() {
    return everListened;
  }

  synchronized Future<Void> listen() {
    if (listening != null || switching) {
      return Future.succeededFuture();
    }
    switching = true;
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setReuseAddress(true));
    return server.requestHandler(router).listen(config.port(), config.host())
        .andThen(result -> {
          synchronized (this) {
            switching = false;
            if (result.succeeded()) {
              listening = server;
              if (!everListened) {
                log.info("{} serving on http://{}:{}", config.nodeId(), config.host(), config.port());
              }
              everListened = true;
            } else {
              log.warn("{}: cannot listen on {}:{}: {}", config.nodeId(), config.host(), config.port(), result.cause().toString());
            }
          }
        }).mapEmpty();
  }

  synchronized Future<Void> unlisten() {
    if (listening == null || switching) {
      return Future.succeededFuture();
    }
    switching = true;
    HttpServer server = listening;
    listening = null;
    return server.close().andThen(result -> {
      synchronized (this) {
        switching = false;
      }
    });
  }
}
