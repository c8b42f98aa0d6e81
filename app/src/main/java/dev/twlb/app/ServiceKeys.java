package dev.twlb.app;

import dev.twlb.bridge.BridgeConfig;
import dev.twlb.broker.BrokerConfig;
import dev.twlb.detector.DetectorConfig;
import dev.twlb.detector.EvaluateConfig;
import dev.twlb.detector.TrainConfig;
import dev.twlb.detector.report.ReportConfig;
import dev.twlb.labeler.LabelerConfig;
import dev.twlb.lb.balancer.LbConfig;
import dev.twlb.traffic.TrafficConfig;
import dev.twlb.scheduler.SchedulerConfig;
import dev.twlb.nodes.server.NodeConfig;
import dev.twlb.registry.RegistryConfig;
import dev.twlb.sink.SinkConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Every service's settings by name, so an option can name the one key it sets: an option's {@code descriptionKey}
 * is {@code service:key} (e.g. {@code "sink:" + SinkConfig.DATA_DIR}), its default is that key's default
 * ({@link ConfigDefaults}) and its value goes to that key ({@link ServiceSettings}).
 */
final class ServiceKeys {
  static final String BROKER = "broker:";
  static final String REGISTRY = "registry:";
  static final String CLIENT = "client:";
  static final String NODE = "node:";
  static final String SCHEDULER = "scheduler:";
  static final String LB = "lb:";
  static final String TRAFFIC = "traffic:";
  static final String BRIDGE = "bridge:";
  static final String LABELER = "labeler:";
  static final String SINK = "sink:";
  static final String TRAIN = "train:";
  static final String EVALUATE = "evaluate:";
  static final String DETECTOR = "detector:";
  static final String REPORT = "report:";

  /** How a client finds the services above by default: derived from their defaults, so written nowhere else. */
  static final ConfigDef CLIENT_CONFIG = new ConfigDef()
      .define("bootstrap.servers", Type.STRING, "localhost:" + BrokerConfig.CONFIG.defaultValues().get(BrokerConfig.PORT),
          Importance.HIGH, "Kafka brokers to connect to.")
      .define("schema.registry.url", Type.STRING,
          "http://localhost:" + RegistryConfig.CONFIG.defaultValues().get(RegistryConfig.PORT), Importance.HIGH,
          "Confluent-compatible schema registry.");

  private static final Map<String, ConfigDef> CONFIGS = Map.ofEntries(Map.entry(BROKER, BrokerConfig.CONFIG),
      Map.entry(REGISTRY, RegistryConfig.CONFIG), Map.entry(CLIENT, CLIENT_CONFIG), Map.entry(NODE, NodeConfig.CONFIG),
      Map.entry(SCHEDULER, SchedulerConfig.CONFIG), Map.entry(LB, LbConfig.CONFIG), Map.entry(TRAFFIC, TrafficConfig.CONFIG),
      Map.entry(BRIDGE, BridgeConfig.CONFIG), Map.entry(LABELER, LabelerConfig.CONFIG), Map.entry(SINK, SinkConfig.CONFIG),
      Map.entry(TRAIN, TrainConfig.CONFIG),
      Map.entry(EVALUATE, EvaluateConfig.CONFIG), Map.entry(DETECTOR, DetectorConfig.CONFIG), Map.entry(REPORT, ReportConfig.CONFIG));

  private ServiceKeys() {}

  /** The service prefix of {@code ref} ({@code "sink:"}), or null when it names no key. */
  static String service(String ref) {
    int colon = ref == null ? -1 : ref.indexOf(':');
    return colon < 0 ? null : ref.substring(0, colon + 1);
  }

  /** The key {@code ref} names; fails loudly on a typo, which the CLI test catches for every option. */
  static ConfigDef.ConfigKey key(String ref) {
    ConfigDef config = CONFIGS.get(service(ref));
    ConfigDef.ConfigKey key = config == null ? null : config.configKeys().get(ref.substring(ref.indexOf(':') + 1));
    if (key == null) {
      throw new IllegalStateException("'" + ref + "' names no service setting");
    }
    return key;
  }
}
