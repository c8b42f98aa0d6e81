package dev.twlb.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpositionTest {

  @Test
  void skipsCommentsAndReadsPlainSamples() throws Exception {
    Exposition e = Exposition.parse("""
        # HELP process_cpu_seconds_total CPU time
        # TYPE process_cpu_seconds_total counter
        # any other comment
        process_cpu_seconds_total 12.5

        process_resident_memory_bytes 1.5E8
        """);
    assertThat(e.samples()).hasSize(2);
    assertThat(e.first("process_cpu_seconds_total", Map.of())).isEqualTo(12.5);
    assertThat(e.first("process_resident_memory_bytes", Map.of())).isEqualTo(1.5e8);
  }

  @Test
  void unescapesLabelValues() throws Exception {
    Exposition e = Exposition.parse("m{path=\"C:\\\\dir\",msg=\"say \\\"hi\\\"\\nbye\",empty=\"\"} 1\n");
    assertThat(e.samples().get(0).labels())
        .containsExactly(Map.entry("path", "C:\\dir"), Map.entry("msg", "say \"hi\"\nbye"), Map.entry("empty", ""));
  }

  @Test
  void readsSpecialValuesAndTimestamps() throws Exception {
    Exposition e = Exposition.parse("a NaN\nb +Inf\nc -Inf\nd 3 1700000000000\ne{x=\"1\",} 4\n");
    assertThat(e.first("a", Map.of())).isNaN();
    assertThat(e.first("b", Map.of())).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(e.first("c", Map.of())).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(e.first("d", Map.of())).isEqualTo(3.0);
    assertThat(e.first("e", Map.of("x", "1"))).isEqualTo(4.0);
  }

  @Test
  void readsOnlyTheNamedMetricsWhenGivenNames() throws Exception {
    String text = """
        jvm_threads_live_threads{broken 7
        process_cpu_seconds_total 12.5
        jvm_memory_used_bytes{area="heap",id="eden"} 3
        jvm_memory_used_bytes{area="nonheap",id="code"} 4
        """;
    Exposition e = Exposition.parse(text, Set.of("process_cpu_seconds_total", "jvm_memory_used_bytes"));
    assertThat(e.samples()).extracting(Exposition.Sample::name)
        .containsExactly("process_cpu_seconds_total", "jvm_memory_used_bytes", "jvm_memory_used_bytes");
    assertThat(e.sum("jvm_memory_used_bytes", Map.of("area", "heap"))).isEqualTo(3.0);
    assertThatThrownBy(() -> Exposition.parse(text)).hasMessageContaining("line 1");
    assertThatThrownBy(() -> Exposition.parse(text, Set.of("jvm_threads_live_threads"))).hasMessageContaining("line 1");
  }

  @Test
  void readsHistogramsAndSummaries() throws Exception {
    Exposition e = Exposition.parse("""
        # TYPE node_request_latency_seconds histogram
        node_request_latency_seconds_bucket{node="node-1",le="0.005"} 3
        node_request_latency_seconds_bucket{node="node-1",le="+Inf"} 5
        node_request_latency_seconds_count{node="node-1"} 5
        node_request_latency_seconds_sum{node="node-1"} 0.042
        # TYPE rpc_duration_seconds summary
        rpc_duration_seconds{quantile="0.99"} 76656
        rpc_duration_seconds_sum 1.7560473e+07
        rpc_duration_seconds_count 2693
        """);
    assertThat(e.first("node_request_latency_seconds_bucket", Map.of("le", "+Inf"))).isEqualTo(5.0);
    assertThat(e.sum("node_request_latency_seconds_count", Map.of())).isEqualTo(5.0);
    assertThat(e.first("rpc_duration_seconds", Map.of("quantile", "0.99"))).isEqualTo(76656.0);
    assertThat(e.first("rpc_duration_seconds_sum", Map.of())).isEqualTo(1.7560473e7);
  }

  @Test
  void sumsOverLabelsAndSaysWhenThereIsNothing() throws Exception {
    Exposition e = Exposition.parse("""
        jvm_memory_used_bytes{area="heap",id="eden"} 10
        jvm_memory_used_bytes{area="heap",id="old"} 5
        jvm_memory_used_bytes{area="nonheap",id="meta"} 100
        """);
    assertThat(e.sum("jvm_memory_used_bytes", Map.of("area", "heap"))).isEqualTo(15.0);
    assertThat(e.sum("missing", Map.of())).isNull();
    assertThat(e.first("missing", Map.of())).isNull();
  }

  @Test
  void emptyTextHasNoSamples() throws Exception {
    assertThat(Exposition.parse("").samples()).isEmpty();
  }

  @Test
  void malformedLinesAreRejectedWithTheirNumber() {
    assertThatThrownBy(() -> Exposition.parse("ok 1\n<html>\n")).hasMessageContaining("line 2");
    assertThatThrownBy(() -> Exposition.parse("m{a=\"1\" 2")).hasMessageContaining("line 1");
    assertThatThrownBy(() -> Exposition.parse("m{a=1} 2")).hasMessageContaining("quoted");
    assertThatThrownBy(() -> Exposition.parse("m{a=\"1} 2")).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> Exposition.parse("m twelve")).hasMessageContaining("'twelve' is not a number");
    assertThatThrownBy(() -> Exposition.parse("m")).hasMessageContaining("expected a value");
    assertThatThrownBy(() -> Exposition.parse("m 1 2 3")).hasMessageContaining("expected a value");
    assertThatThrownBy(() -> Exposition.parse("9lives 1")).hasMessageContaining("metric name");
  }
}
