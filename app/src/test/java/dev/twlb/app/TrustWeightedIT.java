package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.lb.balancer.LbConfig;
import dev.twlb.lb.balancer.LoadBalancer;
import dev.twlb.nodes.server.NodeConfig;
import dev.twlb.nodes.server.NodeServer;
import dev.twlb.schemas.Attempt;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.cluster.NodeAddress;
import dev.twlb.schemas.cluster.NodeList;
import dev.twlb.servicekit.FreePort;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import dev.twlb.testkit.TopicIO;
import dev.twlb.traffic.TrafficConfig;
import dev.twlb.traffic.TrafficGenerator;
import dev.twlb.traffic.TrafficStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The trust-weighted balancer in front of five real nodes (HTTP servers fed their faults through Kafka), one of which
 * answers with corrupt bodies for 15 s: its share falls under a tenth of its fair share within 10 s of the fault's
 * start, it still gets probes (copies of requests, marked as such), and it gets its share back after the fault ends. Beside
 * it, a round-robin balancer with one retry serves every client request despite the corrupt node.
 */
@ExtendWith(KafkaExtension.class)
class TrustWeightedIT {
  private static final String FAULTY = "node-3";
  private static final Duration FAULT = Duration.ofSeconds(15);
  private static final double FAIR = 1 / 5.0;

  @Test
  void aCorruptNodeLosesItsShareWithinTenSecondsAndRegainsItAfterwards(KafkaFixture kafka) throws Exception {
    Topic<FaultAssignment> assignments = Topics.FAULT_ASSIGNMENTS.renamed(KafkaFixture.unique("assignments"));
    Topic<RequestEvent> trustEvents = Topics.REQUEST_EVENTS.renamed(KafkaFixture.unique("trust-events"));
    Topic<RequestEvent> retryEvents = Topics.REQUEST_EVENTS.renamed(KafkaFixture.unique("retry-events"));
    String reports = KafkaFixture.unique("reports");
    kafka.createTopics(1, assignments.name(), trustEvents.name(), retryEvents.name(), reports);
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    List<NodeAddress> addresses = NodeList.numbered(5, "localhost", FreePort.pickRange("localhost", 5));
    List<NodeServer> nodes = new ArrayList<>();
    // The fault starts 10 s from now: "before the fault" is the 3 s before it, and starting five nodes, two balancers and
    // the traffic took 1.8 s of a 4 s lead on a busy box, so only 91 requests fell in those 3 s, the first ones slow
    Instant from = Instant.now().plusSeconds(10);
    Instant until = from.plus(FAULT);
    TopicIO.produce(kafka, assignments, List.of(
        assignment(0, "benign", Map.of(), Instant.now().minusSeconds(60), from),
        assignment(1, "corrupt", Map.of("corrupt_rate", 1.0), from, until),
        assignment(2, "benign", Map.of(), until, until.plusSeconds(600))));
    try {
      for (NodeAddress a : addresses) {
        nodes.add(NodeServer.start(new NodeConfig(Map.of(NodeConfig.NODE_ID, a.id(), NodeConfig.PORT, a.port(),
            NodeConfig.ASSIGNMENTS_TOPIC, assignments.name(), NodeConfig.REPORTS_TOPIC, reports,
            NodeConfig.STARTUP_WAIT_MS, a.id().equals(FAULTY) ? 30_000L : 0L)), props, Clock.systemUTC(), () -> { }));
      }
      try (LoadBalancer trusting = LoadBalancer.start(new LbConfig(Map.of(LbConfig.PORT, 0, LbConfig.STRATEGY, "trust-weighted",
               LbConfig.EVENTS_TOPIC, trustEvents.name())), addresses, props);
           LoadBalancer retrying = LoadBalancer.start(new LbConfig(Map.of(LbConfig.PORT, 0, LbConfig.STRATEGY, "round-robin",
               LbConfig.RETRIES, 1, LbConfig.EVENTS_TOPIC, retryEvents.name())), addresses, props)) {
        long runFor = Duration.between(Instant.now(), until.plusSeconds(15)).toMillis();
        TrafficStats trust;
        TrafficStats retry;
        try (TrafficGenerator toTrusting = TrafficGenerator.start(new TrafficConfig(Map.of(
                 TrafficConfig.TARGET, trusting.url() + "/process", TrafficConfig.RATE, 100.0, TrafficConfig.DURATION_MS, runFor)));
             TrafficGenerator toRetrying = TrafficGenerator.start(new TrafficConfig(Map.of(
                 TrafficConfig.TARGET, retrying.url() + "/process", TrafficConfig.RATE, 20.0, TrafficConfig.DURATION_MS, runFor)))) {
          trust = toTrusting.done().join();
          retry = toRetrying.done().join();
        }
        System.out.println("trust-weighted: " + trust + "\nround-robin with a retry: " + retry);
        List<RequestEvent> events = TopicIO.consume(kafka, trustEvents, (int) trust.answered(), Duration.ofSeconds(60));
        events.stream().filter(e -> e.getNodeId().equals(FAULTY)).forEach(e -> System.out.printf("%s %+6d ms %s %s%n",
            FAULTY, Duration.between(from, e.getTsMs()).toMillis(), e.getAttempt(), e.getOutcome()));

        assertThat(share(events, from.minusSeconds(3), from)).as("before the fault").isGreaterThan(0.5 * FAIR);
        assertThat(share(events, from.plusSeconds(10), until)).as("from 10 s into the fault").isLessThan(0.1 * FAIR);
        assertThat(events).filteredOn(e -> e.getNodeId().equals(FAULTY) && Attempt.of(e) == Attempt.PROBE
            && e.getTsMs().isAfter(from.plusSeconds(2)) && e.getTsMs().isBefore(until)).as("probes, marked").isNotEmpty();
        assertThat(share(events, until.plusSeconds(8), until.plusSeconds(15))).as("healed: back").isGreaterThan(0.5 * FAIR);

        List<RequestEvent> attempts = TopicIO.consume(kafka, retryEvents, (int) retry.answered(), Duration.ofSeconds(60));
        Set<String> retried = attempts.stream().map(RequestEvent::getRetryOf).filter(id -> id != null).collect(Collectors.toSet());
        assertThat(attempts).filteredOn(e -> e.getOutcome() == Outcome.BAD_RESPONSE).isNotEmpty()
            .allMatch(e -> e.getNodeId().equals(FAULTY) && retried.contains(e.getRequestId()));
        assertThat(attempts).filteredOn(e -> Attempt.of(e) == Attempt.RETRY).isNotEmpty()
            .allMatch(e -> !e.getNodeId().equals(FAULTY));
        assertThat(retry.byOutcome()).as("what the clients got: never a corrupt body").containsKey(Outcome.OK.name())
            .doesNotContainKey(Outcome.BAD_RESPONSE.name());
      }
    } finally {
      nodes.forEach(NodeServer::close);
    }
  }

  /** FAULTY's share of the clients' requests sent in [from, until) (probes are copies, not clients' requests). */
  private static double share(List<RequestEvent> events, Instant from, Instant until) {
    List<RequestEvent> in = events.stream().filter(e -> Attempt.of(e) != Attempt.PROBE)
        .filter(e -> !e.getTsMs().isBefore(from) && e.getTsMs().isBefore(until)).toList();
    assertThat(in).as("requests sent from %s to %s", from, until).hasSizeGreaterThan(100);
    return in.stream().filter(e -> e.getNodeId().equals(FAULTY)).count() / (double) in.size();
  }

  private static FaultAssignment assignment(long epoch, String fault, Map<String, Double> params, Instant from, Instant until) {
    return FaultAssignment.newBuilder().setEpochId(epoch).setNodeId(FAULTY).setFaultType(fault).setParams(params)
        .setEffectiveFromMs(from).setEffectiveUntilMs(until).setSeed(0).setRunId("trust-weighted-it").build();
  }
}
