package dev.twlb.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Client of the Confluent schema-registry REST API, as far as serializers need it. Ids and schemas
 * are cached for the life of the process (ids never change).
 *
 * <p>On {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: a process calls the registry a few times in
 * its life, and the newer client sets up TLS and HTTP/2 when it is built (about 600 classes and the trust store's
 * certificates in every node process).
 */
public final class HttpSchemaRegistry implements SchemaRegistryClient {
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> baseUrls;
  private final int timeoutMs;
  /** Avro schemas cache their hash, so this key costs nothing per record (the schema's JSON is not rebuilt). */
  private record SubjectSchema(String subject, Schema schema) {}

  private final Map<SubjectSchema, Integer> idBySubjectAndSchema = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();

  public HttpSchemaRegistry(List<String> baseUrls, Duration timeout) {
    this.baseUrls = baseUrls.stream().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
    this.timeoutMs = Math.toIntExact(timeout.toMillis());
  }

  @Override
  public int register(String subject, Schema schema) {
    return idBySubjectAndSchema.computeIfAbsent(new SubjectSchema(subject, schema), k -> {
      JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
      int id = answer.path("id").asInt();
      schemaById.putIfAbsent(id, schema);
      return id;
    });
  }

  @Override
  public int lookup(String subject, Schema schema) {
    return idBySubjectAndSchema.computeIfAbsent(new SubjectSchema(subject, schema), k -> {
      JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
      return answer.path("id").asInt();
    });
  }

  @Override
  public Schema schemaById(int id) {
    return schemaById.computeIfAbsent(id, k -> {
      JsonNode answer = call("GET", "/schemas/ids/" + id, null);
      return new Schema.Parser().parse(answer.path("schema").asText());
    });
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode call(String method, String path, String body) {
    RegistryException last = null;
    for (String base : baseUrls) {
      try {
        HttpURLConnection http = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        http.setConnectTimeout(timeoutMs);
        http.setReadTimeout(timeoutMs);
        http.setRequestMethod(method);
        http.setRequestProperty("Accept", CONTENT_TYPE + ", application/json");
        if (body != null) {
          http.setDoOutput(true);
          http.setRequestProperty("Content-Type", CONTENT_TYPE);
          try (OutputStream out = http.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
          }
        }
        int status = http.getResponseCode();
        try (InputStream in = status / 100 == 2 ? http.getInputStream() : http.getErrorStream()) {
          return parse(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        last = new RegistryException("schema registry at " + base + " did not answer " + method + " " + path + ": " + e, e);
      }
    }
    throw last;
  }

  private static JsonNode parse(int status, String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      throw new RegistryException(status, -1, "schema registry answered with a body that is not JSON: " + abbreviate(body));
    }
    if (status / 100 != 2) {
      throw new RegistryException(status, json.path("error_code").asInt(-1), json.path("message").asText(abbreviate(body)));
    }
    return json;
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
