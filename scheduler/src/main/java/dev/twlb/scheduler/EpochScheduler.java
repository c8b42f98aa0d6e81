package dev.twlb.scheduler;

import dev.twlb.schemas.cluster.NodeList;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every epoch's plan to {@code fault-assignments} ahead of time ({@code lead} before the
 * epoch starts), so each node applies its assignment at {@code effective_from} by its own clock.
 */
public final class EpochScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EpochScheduler.class);
  /** Wakes this much before {@code lead}, so the records are on the broker at least {@code lead} ahead. */
  private static final Duration SEND_MARGIN = Duration.ofMillis(500);

  private final SchedulerConfig config;
  private final EpochPlanner planner;
  private final KafkaProducer<String, FaultAssignment> producer;
  private final Topic<FaultAssignment> topic;
  private final Clock clock;
  private volatile boolean stopped;

  public EpochScheduler(SchedulerConfig config, Map<String, ?> clientProps, Clock clock) {
    this.config = config;
    List<String> nodes = IntStream.rangeClosed(1, config.nodes()).mapToObj(NodeList::nodeId).toList();
    this.planner = new EpochPlanner(config.seed(), config.runId(), nodes, config.faulty(), config.faults(),
        config.faultDraw(), config.intensities());
    this.topic = Topics.FAULT_ASSIGNMENTS.renamed(config.topic());
    this.producer = KafkaClients.producer(topic, clientProps);
    this.clock = clock;
    warmUp(clientProps);
  }

  /** Fetches the topic's metadata and registers the schema now, so the first epoch is published without delay. */
  private void warmUp(Map<String, ?> clientProps) {
    producer.partitionsFor(topic.name());
    FaultAssignment probe = planner.plan(0, Instant.EPOCH, Instant.EPOCH).get(0);
    topic.valueSerde(clientProps).serializer().serialize(topic.name(), probe);
  }

  /**
   * The start of epoch 0 for a scheduler starting now: the first whole second at least the start delay, {@code lead}
   * and 0.5 s away, the half second leaving room for the first publication (its producer exists; the schema is
   * registered at the first send).
   */
  public Instant firstEpochStart() {
    Instant earliest = clock.instant().plus(config.startDelay()).plus(config.lead()).plusMillis(500);
    Instant second = earliest.truncatedTo(ChronoUnit.SECONDS);
    return second.equals(earliest) ? second : second.plusSeconds(1);
  }

  /**
   * Publishes epochs until {@code epochs} are done (or forever), handing each published plan to
   * {@code onPublished}. Returns the end of the last epoch published. An epoch that could not be
   * published {@code lead} ahead (a stalled machine) starts later instead, leaving a gap no
   * assignment covers.
   */
  public Instant run(Instant start, Consumer<List<FaultAssignment>> onPublished) throws InterruptedException {
    Duration length = config.epochDuration();
    Instant from = start;
    for (long epoch = 0; !stopped && (config.epochs() == 0 || epoch < config.epochs()); epoch++) {
      sleepUntil(from.minus(config.lead()).minus(SEND_MARGIN));
      if (stopped) {
        break;
      }
      Instant earliest = clock.instant().plus(config.lead());
      if (from.isBefore(earliest)) {
        // Never publish an assignment that is already (or almost) in force: nodes would apply it late.
        Instant shifted = earliest.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        log.warn("epoch {} is {} ms late to publish; it starts at {} instead of {}", epoch,
            Duration.between(from, shifted).toMillis(), shifted, from);
        from = shifted;
      }
      Instant until = from.plus(length);
      List<FaultAssignment> plan = planner.plan(epoch, from, until);
      publish(plan);
      log.info("epoch {} from {}: {}", epoch, from, describe(plan));
      onPublished.accept(plan);
      from = until;
    }
    return from;
  }

  private void publish(List<FaultAssignment> plan) {
    try {
      for (FaultAssignment a : plan) {
        producer.send(new ProducerRecord<>(topic.name(), a.getNodeId(), a)).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot publish to " + topic.name() + ": " + e.getCause().getMessage(), e);
    }
  }

  /** The faulty nodes of a plan, e.g. {@code node-3=delay node-9=crash}, or {@code all benign}. */
  /** How many faulty nodes a progress line names one by one. */
  private static final int SUMMARIZED_ABOVE = 12;

  public static String describe(List<FaultAssignment> plan) {
    String faulty = plan.stream().filter(a -> !a.getFaultType().equals("benign"))
        .map(a -> a.getNodeId() + "=" + a.getFaultType())
        .reduce((a, b) -> a + " " + b).orElse("all benign");
    return faulty;
  }

  /** {@link #describe} for a few faulty nodes; for more, how many have each fault (a line, not a page, at 500 nodes). */
  public static String summarize(List<FaultAssignment> plan) {
    Map<String, Long> byFault = new TreeMap<>(plan.stream().filter(a -> !a.getFaultType().equals("benign"))
        .collect(Collectors.groupingBy(FaultAssignment::getFaultType, Collectors.counting())));
    long faulty = byFault.values().stream().mapToLong(Long::longValue).sum();
    if (faulty <= SUMMARIZED_ABOVE) {
      return describe(plan);
    }
    return faulty + " faulty: " + byFault.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  private void sleepUntil(Instant when) throws InterruptedException {
    long wait;
    while (!stopped && (wait = Duration.between(clock.instant(), when).toMillis()) > 0) {
      Thread.sleep(Math.min(wait, 200));
    }
  }

  @Override
  public void close() {
    stopped = true;
    producer.close(Duration.ofSeconds(5));
  }
}
