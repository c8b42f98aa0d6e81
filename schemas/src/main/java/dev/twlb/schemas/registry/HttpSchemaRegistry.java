package dev.twlb.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Client of the Confluent schema-registry REST API, as far as serializers need it. Ids and schemas
 * are cached for the life of the process (ids never change).
 */
public final class HttpSchemaRegistry implements SchemaRegistryClient {
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> baseUrls;
  private final Duration timeout;
  private final HttpClient http;
  /** Avro schemas cache their hash, so this key costs nothing per record (the schema's JSON is not rebuilt). */
  private record SubjectSchema(String subject, Schema schema) {}

  private final Map<SubjectSchema, Integer> idBySubjectAndSchema = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();

  public HttpSchemaRegistry(List<String> baseUrls, Duration timeout) {
    this.baseUrls = baseUrls.stream().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
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
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
          .timeout(timeout)
          .header("Accept", CONTENT_TYPE + ", application/json");
      if (body == null) {
        request.GET();
      } else {
        request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
      }
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return parse(response);
      } catch (IOException e) {
        last = new RegistryException("schema registry at " + base + " did not answer " + method + " " + path + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException("interrupted while calling the schema registry", e);
      }
    }
    throw last;
  }

  private static JsonNode parse(HttpResponse<String> response) throws IOException {
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new RegistryException(response.statusCode(), -1,
          "schema registry answered with a body that is not JSON: " + abbreviate(response.body()));
    }
    if (response.statusCode() / 100 != 2) {
      throw new RegistryException(response.statusCode(), json.path("error_code").asInt(-1),
          json.path("message").asText(abbreviate(response.body())));
    }
    return json;
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
