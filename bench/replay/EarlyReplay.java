import dev.twlb.broker.BrokerConfig;
import dev.twlb.broker.EmbeddedBroker;
import dev.twlb.detector.DetectorModel;
import dev.twlb.detector.TrainConfig;
import dev.twlb.detector.Training;
import dev.twlb.labeler.LabelerConfig;
import dev.twlb.labeler.LabelerService;
import dev.twlb.registry.RegistryConfig;
import dev.twlb.registry.SchemaRegistryServer;
import dev.twlb.schemas.FaultConfirmation;
import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.sink.LabeledWindowSink;
import dev.twlb.sink.SinkConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What-if for the real-time detector: the early windows a finished {@code twlb run} would have had with another early
 * window length and hop, labeled from the same raw topics (its broker started again on a copy of its data directory),
 * a detector trained on those that end by SCORE_FROM (as {@code --detect-after} trains), and every labeled early window
 * scored by it: {@code OUT/raw.csv}, with the nodes' confirmations in {@code OUT/confirmations.csv}. {@code steady.py}
 * then replays the verdicts under steady rules. With the run's own length and hop it gives the run's own verdicts
 * (seed 309: the same macro-F1 to the last digit). From the repository, after {@code mvn -q package -DskipTests}:
 *
 * <pre>java -cp app/target/twlb.jar bench/replay/EarlyReplay.java COPY_OF_RUN_DIR OUT EARLY_MS HOP_MS SCORE_FROM_MS FOLDS [MIN_PURITY]</pre>
 *
 * MIN_PURITY also trains on windows an assignment change cuts whose label covers at least that share. Its default
 * here is 1 (none), not {@code twlb train}'s, so that the six-argument lines in bench/results/early-replay-*.txt, recorded
 * before {@code windows.min.purity} existed, still reproduce.
 */
public class EarlyReplay {
  public static void main(String[] args) throws Exception {
    if (args.length != 6 && args.length != 7) {
      System.err.println("usage: EarlyReplay COPY_OF_RUN_DIR OUT EARLY_MS HOP_MS SCORE_FROM_MS FOLDS [MIN_PURITY]");
      System.exit(2);
    }
    Path run = Path.of(args[0]);
    Path out = Files.createDirectories(Path.of(args[1]));
    long earlyMs = Long.parseLong(args[2]);
    long hopMs = Long.parseLong(args[3]);
    long scoreFrom = Long.parseLong(args[4]);
    String tag = "replay-" + earlyMs + "-" + hopMs + "-" + System.currentTimeMillis() % 100_000;
    try (EmbeddedBroker broker = EmbeddedBroker.start(new BrokerConfig(Map.of(
            BrokerConfig.DATA_DIR, run.resolve("kafka").toString(), BrokerConfig.PORT, 0)));
         SchemaRegistryServer registry = SchemaRegistryServer.start(new RegistryConfig(Map.of(
            RegistryConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(), RegistryConfig.PORT, 0)), Map.of())) {
      Map<String, Object> clients = new HashMap<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
          "schema.registry.url", registry.url()));
      String labeledEarly = relabel(clients, tag, earlyMs, hopMs);
      Path data = out.resolve("data");
      try (LabeledWindowSink sink = LabeledWindowSink.start(new SinkConfig(Map.of(SinkConfig.DATA_DIR, data.toString(),
          SinkConfig.TOPIC, labeledEarly, SinkConfig.GROUP_ID, tag + "-sink", SinkConfig.PORT, 0,
          SinkConfig.ROTATE_INTERVAL_MS, 2_000L)), clients)) {
        System.out.println("rows written: " + untilQuiet(() -> sink.metrics().rows(), 8));
      }
      Training.Result trained = new Training(new TrainConfig(Map.of(TrainConfig.DATA_DIRS, List.of(data.toString()),
          TrainConfig.OUT_DIR, out.resolve("detector").toString(), TrainConfig.FOLDS, Integer.parseInt(args[5]),
          TrainConfig.WINDOWS_BEFORE_MS, scoreFrom - earlyMs + 1, TrainConfig.BASELINE, false,
          TrainConfig.MIN_PURITY, args.length == 7 ? Double.parseDouble(args[6]) : 1.0)), System.out).run();
      DetectorModel model = DetectorModel.load(trained.model());
      try (PrintWriter csv = new PrintWriter(out.resolve("raw.csv").toFile())) {
        csv.println("node,start,end,label,transition,raw,score");
        for (LabeledWindow w : KafkaClients.readToEnd(Topics.LABELED_EARLY_WINDOWS.renamed(labeledEarly), clients, Map.of(),
            Duration.ofSeconds(60))) {
          FaultDetection d = model.detect(w, Instant.now());
          csv.println(String.join(",", w.getNodeId(), ms(w.getWindowStart()), ms(w.getWindowEnd()), w.getFaultType(),
              Boolean.toString(w.getIsTransition()), d.getPredictedFault(), Double.toString(d.getScore())));
        }
      }
      try (PrintWriter csv = new PrintWriter(out.resolve("confirmations.csv").toFile())) {
        csv.println("node,epoch,fault,applied");
        for (FaultConfirmation c : KafkaClients.readToEnd(Topics.FAULT_CONFIRMATIONS, clients, Map.of(), Duration.ofSeconds(60))) {
          csv.println(String.join(",", c.getNodeId(), Long.toString(c.getEpochId()), c.getFaultType(), ms(c.getAppliedFromMs())));
        }
      }
    }
    System.exit(0); // the Streams and sink threads are closed; what is left are the broker's
  }

  /** Labels the run's raw topics again with these early windows, as {@code twlb relabel} does; returns their topic. */
  private static String relabel(Map<String, Object> clients, String tag, long earlyMs, long hopMs) throws Exception {
    String labeledEarly = tag + "-labeled-early";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", clients.get("bootstrap.servers")))) {
      admin.createTopics(List.of(tag + "-labeled", tag + "-early", labeledEarly, tag + "-dlq").stream()
          .map(t -> new NewTopic(t, 3, (short) 1)).toList()).all().get();
    }
    LabelerConfig config = new LabelerConfig(Map.ofEntries(Map.entry(LabelerConfig.APPLICATION_ID, tag),
        Map.entry(LabelerConfig.OUTPUT_TOPIC, tag + "-labeled"), Map.entry(LabelerConfig.DLQ_TOPIC, tag + "-dlq"),
        Map.entry(LabelerConfig.EARLY_TOPIC, tag + "-early"), Map.entry(LabelerConfig.LABELED_EARLY_TOPIC, labeledEarly),
        Map.entry(LabelerConfig.EARLY_WINDOW_MS, earlyMs), Map.entry(LabelerConfig.EARLY_HOP_MS, hopMs),
        Map.entry(LabelerConfig.PORT, 0), Map.entry(LabelerConfig.STATE_DIR, Files.createTempDirectory(tag).toString())));
    Map<String, Object> props = new HashMap<>(clients);
    props.putAll(LabelerService.HISTORY_SETTINGS);
    try (LabelerService labeler = LabelerService.start(config, props)) {
      System.out.println("windows labeled: " + untilQuiet(() -> labeler.metrics().windowsEmitted(), 10));
    }
    return labeledEarly;
  }

  /** Waits until {@code count} is above 0 and has not moved for {@code seconds}: a finished history has no more. */
  private static long untilQuiet(LongSupplier count, int seconds) throws InterruptedException {
    long last = -1;
    for (int still = 0; still < seconds; ) {
      Thread.sleep(1000);
      long now = count.getAsLong();
      still = now == last && now > 0 ? still + 1 : 0;
      last = now;
    }
    return last;
  }

  private static String ms(Instant t) {
    return Long.toString(t.toEpochMilli());
  }
}
