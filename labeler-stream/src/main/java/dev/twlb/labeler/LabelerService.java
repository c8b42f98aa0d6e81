package dev.twlb.labeler;

import dev.twlb.servicekit.InstanceIds;
import dev.twlb.servicekit.StreamsRunner;
import dev.twlb.servicekit.StreamsService;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the labeler topology with exactly-once processing, and serves its {@code /metrics}. */
public final class LabelerService extends StreamsService {
  private static final Logger log = LoggerFactory.getLogger(LabelerService.class);

  /**
   * A live labeler's commit interval: its early windows reach read_committed consumers (the detector) within a fifth
   * of a second of going out. At 1 s they waited 0.5 s on average, a sixth of the detector's onset-to-verdict time.
   */
  static final long LIVE_COMMIT_INTERVAL_MS = 200;

  /**
   * How long a live labeler's task waits for more records on an input partition it has read to the end before it goes
   * on with the others (Kafka Streams' {@code max.task.idle.ms}): long enough for records produced in the same instant
   * to arrive, so the inputs are processed in event-time order. The wait starts each time a partition runs dry, so the
   * scrapes (a batch a second) and the assignments (a batch an epoch, at the moment a fault starts) held every early
   * window back: with 2 s, a verdict came 1.3 s after its window's end, and 2-3 s at a fault's onset. A partition with
   * records on the broker not fetched yet is still waited for, however long.
   */
  static final long LIVE_TASK_IDLE_MS = 200;

  /**
   * Settings for labeling a recorded history ({@code twlb relabel}, over {@code clientProps}): tasks do not idle for
   * records not produced yet. In a complete history a partition with nothing left to fetch has nothing left at all, so
   * the labels are the same, and the 2 s wait each time a short topic runs dry (most of a catch-up's time) is saved.
   * Tasks still wait for records on the broker they have not fetched. A live labeler keeps idling (see below).
   *
   * <p>And a batch job's start and end: fetches return after 10 ms instead of 500 when there is nothing new (a
   * restore of empty changelogs and the final close each waited for one), retries after 10 ms instead of 100 (new
   * changelog topics not ready yet, the first transaction): 1.1 s less on a 4.8 s catch-up. An idle live labeler
   * would fetch 100 times a second with them, so it does not use them.
   *
   * <p>And commits every 5 s instead of every second, and when its stream thread's input pauses ({@link IdleCommit}):
   * a commit writes every open window that changed since the last one, all of them with thousands of nodes (README,
   * Performance: that cost from 50 to 5,000 nodes).
   */
  public static final Map<String, Object> HISTORY_SETTINGS = Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0,
      StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 5_000,
      StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 10,
      CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, 10);

  private final LabelerMetrics metrics;

  private LabelerService(StreamsRunner streams, LabelerMetrics metrics) {
    super(streams);
    this.metrics = metrics;
  }

  /**
   * Starts the labeler.
   *
   * @param clientProps bootstrap servers, schema registry URL and any other client or Streams settings
   */
  public static LabelerService start(LabelerConfig config, Map<String, Object> clientProps) {
    LabelerMetrics metrics = new LabelerMetrics();
    StreamsRunner streams = StreamsRunner.start("labeler", LabelerTopology.build(config, clientProps, metrics),
        streamsSettings(config, clientProps), metrics.registry(), config.host(), config.port());
    log.info("labeler {} started: {} ms windows, {} ms grace, metrics on port {}", config.applicationId(),
        config.window().toMillis(), config.grace().toMillis(), streams.metricsPort());
    return new LabelerService(streams, metrics);
  }

  /**
   * The labeler's Kafka Streams settings: {@code clientProps} with its application id, state directory, threads and
   * the defaults below ({@link StreamsRunner} adds exactly-once). Public so a benchmark can run another topology the
   * way the labeler runs.
   */
  public static Map<String, Object> streamsSettings(LabelerConfig config, Map<String, Object> clientProps) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, LIVE_COMMIT_INTERVAL_MS);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
    String instanceId = InstanceIds.resolve(config.instanceId(), "labeler", config.stateDir(), config.applicationId());
    if (instanceId != null) {
      props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId); // Streams adds each thread's number
    }
    // Process the inputs in event-time order even when catching up: a task waits for data on all of its
    // partitions that still have some, instead of racing ahead on one and closing windows too early.
    // It costs a catch-up most of its time (see HISTORY_SETTINGS).
    props.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, LIVE_TASK_IDLE_MS);
    props.putIfAbsent(StreamsConfig.producerPrefix("compression.type"), "lz4");
    props.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
    return props;
  }

  public LabelerMetrics metrics() {
    return metrics;
  }
}
