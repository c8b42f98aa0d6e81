package dev.twlb.detector;

import dev.twlb.servicekit.StreamsRunner;
import dev.twlb.servicekit.StreamsService;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code twlb detect}: scores {@code labeled-metrics} into {@code fault-detections}, exactly once, and serves {@code /metrics}. */
public final class DetectorService extends StreamsService {
  private static final Logger log = LoggerFactory.getLogger(DetectorService.class);

  private final DetectorMetrics metrics;
  private final DetectorModel model;

  private DetectorService(StreamsRunner streams, DetectorMetrics metrics, DetectorModel model) {
    super(streams);
    this.metrics = metrics;
    this.model = model;
  }

  /**
   * @param clientProps bootstrap servers, schema registry URL and any other client or Streams settings
   *     (the topology is stateless: Streams' default state directory serves)
   */
  public static DetectorService start(DetectorConfig config, Map<String, Object> clientProps) {
    DetectorModel model = DetectorModel.load(config.modelFile());
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.putIfAbsent(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    DetectorMetrics metrics = new DetectorMetrics(config.recentWindows(), Math.max(config.scoreFromMs(), System.currentTimeMillis()));
    StreamsRunner streams = StreamsRunner.start("detector",
        DetectorTopology.build(config, model, clientProps, metrics, Clock.systemUTC()), props, metrics.registry(),
        config.host(), config.port());
    log.info("detector {} started with model {}: {} -> {}, metrics on port {}", config.applicationId(), model.id(),
        config.inputTopic(), config.outputTopic(), streams.metricsPort());
    return new DetectorService(streams, metrics, model);
  }

  public String modelId() {
    return model.id();
  }

  public DetectorMetrics metrics() {
    return metrics;
  }
}
