package dev.twlb.schemas.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The body a node answers {@code GET /process} with, and how the balancer checks it: a CRC32 over
 * node id, request id and result. A corrupted answer keeps its checksum but changes its result.
 */
public record ProcessAnswer(String nodeId, String requestId, String result, String checksum) {
  /** The header the balancer puts the request id in; the node reports the same id. */
  public static final String REQUEST_ID_HEADER = "X-Request-Id";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A correct answer: the checksum matches the content. */
  public static ProcessAnswer of(String nodeId, String requestId, String result) {
    return new ProcessAnswer(nodeId, requestId, result, checksum(nodeId, requestId, result));
  }

  public static String checksum(String nodeId, String requestId, String result) {
    CRC32 crc = new CRC32();
    crc.update((nodeId + '\n' + requestId + '\n' + result).getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", crc.getValue());
  }

  public String toJson() {
    return JSON.createObjectNode().put("node_id", nodeId).put("request_id", requestId)
        .put("result", result).put("checksum", checksum).toString();
  }

  /** True when {@code body} is an answer for {@code requestId} whose checksum matches its content. */
  public static boolean verify(byte[] body, String requestId) {
    try {
      JsonNode json = JSON.readTree(body);
      String node = json.path("node_id").asText(null);
      String request = json.path("request_id").asText(null);
      String result = json.path("result").asText(null);
      String sum = json.path("checksum").asText(null);
      return node != null && result != null && sum != null && requestId.equals(request)
          && sum.equals(checksum(node, request, result));
    } catch (Exception e) {
      return false;
    }
  }
}
