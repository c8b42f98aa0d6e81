package dev.twlb.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** The Confluent REST endpoints that serializers, deserializers and operators use, with Confluent's JSON shapes. */
final class RegistryApi {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SchemaStore store;
  private final Runnable catchUp;

  RegistryApi(SchemaStore store, Runnable catchUp) {
    this.store = store;
    this.catchUp = catchUp;
  }

  Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(4 * 1024 * 1024));
    router.get("/").handler(ctx -> answer(ctx, () -> Map.of()));
    router.get("/config").handler(ctx -> answer(ctx, () -> Map.of("compatibilityLevel", "BACKWARD")));
    router.get("/subjects").handler(ctx -> answer(ctx, store::subjects));
    router.post("/subjects/:subject/versions").handler(ctx -> answer(ctx, () -> {
      int id = store.register(subject(ctx), schemaOf(ctx));
      return Map.of("id", id);
    }));
    router.post("/subjects/:subject").handler(ctx -> answer(ctx, () -> full(store.lookup(subject(ctx), schemaOf(ctx)))));
    router.get("/subjects/:subject/versions").handler(ctx -> answer(ctx, () -> store.versions(subject(ctx))));
    router.get("/subjects/:subject/versions/:version").handler(ctx ->
        answer(ctx, () -> full(store.version(subject(ctx), ctx.pathParam("version")))));
    router.get("/schemas/ids/:id").handler(ctx -> answer(ctx, () -> Map.of("schema", store.schemaById(id(ctx)))));
    router.route().last().handler(ctx -> error(ctx, 404, 404, "HTTP 404 Not Found"));
    return router;
  }

  /** Runs {@code work} off the event loop (it may wait on Kafka), after catching up with the schemas topic. */
  private void answer(RoutingContext ctx, Callable<Object> work) {
    ctx.vertx().executeBlocking(() -> {
      catchUp.run();
      return work.call();
    }, false).onComplete(result -> {
      if (result.succeeded()) {
        ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(write(result.result()));
      } else if (result.cause() instanceof RegistryError e) {
        error(ctx, e.httpStatus(), e.errorCode(), e.getMessage());
      } else {
        error(ctx, 500, 50001, "Error in the backend data store: " + result.cause());
      }
    });
  }

  private static void error(RoutingContext ctx, int status, int code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error_code", code);
    body.put("message", message);
    ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(write(body));
  }

  private static Map<String, Object> full(SchemaRecord record) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subject", record.subject());
    body.put("version", record.version());
    body.put("id", record.id());
    body.put("schema", record.schema());
    return body;
  }

  private static String subject(RoutingContext ctx) {
    return ctx.pathParam("subject");
  }

  private static int id(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw RegistryError.schemaNotFound();
    }
  }

  private static String schemaOf(RoutingContext ctx) {
    JsonNode body = parseBody(ctx.body().asString());
    String type = body.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw RegistryError.invalidSchema("schemaType " + type + " is not supported here, only AVRO");
    }
    JsonNode schema = body.get("schema");
    if (schema == null || !schema.isTextual()) {
      throw RegistryError.invalidSchema("the request body needs a \"schema\" field holding the schema as a string");
    }
    return schema.asText();
  }

  private static JsonNode parseBody(String body) {
    if (body == null || body.isBlank()) {
      throw RegistryError.badRequest("the request has no body");
    }
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw RegistryError.badRequest("the request body is not JSON: " + e.getMessage());
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
