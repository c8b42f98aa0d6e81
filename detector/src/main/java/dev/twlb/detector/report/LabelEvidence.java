package dev.twlb.detector.report;

import dev.twlb.detector.DatasetReader;
import dev.twlb.detector.FaultSign;
import dev.twlb.detector.Features;
import dev.twlb.detector.RandomHits;
import dev.twlb.schemas.FaultType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;

/**
 * Whether the labels show in what was measured: for each clean node-epoch (the clean windows of one node in one epoch)
 * labeled with a fault, whether the balancer and the scrapes saw that fault. A count sign shows when the node-epoch
 * has any of it; a level sign when the node-epoch's median window is above {@link #BENIGN_QUANTILE} of the benign
 * node-epochs' medians (a median, because a window whose rate spans the epoch's start measures the epoch before too:
 * a leak freed when a second leak epoch begins).
 * A class whose share is below {@link #TARGET} is flagged: its labels say more than its data shows. A fault that hits
 * requests at random ({@link RandomHits#LOWEST_RATE}) may hit none of a few: a node-epoch without its sign is judged only when it
 * held enough requests that the fault at its catalogue's lowest rate would have shown with the target's chance (29 at
 * a 10% error rate); fewer, and it is counted apart, as too few to tell (at 0.3 requests a second a node, one
 * intermittent-error node-epoch in twenty hits none of its dozen requests). A run's newest
 * epoch with fewer windows than the epoch before it is still being written (a live dataset) or was cut short: its
 * node-epochs are not judged, as a fault's first window alone may not show it yet.
 */
public final class LabelEvidence {
  /** The share of a class's node-epochs that must show it. */
  public static final double TARGET = 0.95;
  /** Level signs must exceed this quantile of the benign node-epochs' medians. */
  static final double BENIGN_QUANTILE = 0.95;
  /**
   * An epoch with at least this many benign nodes is its own baseline: they lived through the same minute of the same
   * machine. In compose's scale profile two busy minutes (everything starting, a build beside it) raised every
   * latency, and the run-wide baseline then hid 80 of 90 slow nodes; smaller epochs share the run's.
   */
  static final int EPOCH_BENIGN_MIN = 20;

  /**
   * One class's evidence: node-epochs labeled with it and judged, how many of them show it, and those not judged: no
   * sign, and too few requests for that to tell (a fault that hits requests at random).
   */
  public record ClassEvidence(String faultType, String sign, long nodeEpochs, long showing, long tooFewRequests) {
    public double share() {
      return nodeEpochs == 0 ? 1.0 : showing / (double) nodeEpochs;
    }

    public boolean belowTarget() {
      return share() < TARGET;
    }
  }

  /** The signs a label's node-epochs are read for: a fault's own; for benign, every level sign (the baseline). */
  private static final Map<String, List<FaultSign>> SIGNS_BY_LABEL = signsByLabel();

  private static Map<String, List<FaultSign>> signsByLabel() {
    Map<String, List<FaultSign>> signs = new HashMap<>();
    FaultSign.OF.forEach((type, sign) -> signs.put(type.wireName(), List.of(sign)));
    signs.put(FaultType.BENIGN.wireName(), Arrays.stream(FaultSign.values()).filter(sign -> !sign.count).toList());
    return signs;
  }

  /** The values of the signs its label is read for, over one node-epoch's clean windows, and its requests. */
  private static final class NodeEpoch {
    final String runId;
    final long epochId;
    final String label;
    final Map<FaultSign, List<Double>> values = new EnumMap<>(FaultSign.class);
    long requests;

    NodeEpoch(String runId, long epochId, String label) {
      this.runId = runId;
      this.epochId = epochId;
      this.label = label;
    }
  }

  private final Predicate<GenericRecord> rows;
  private final Map<String, NodeEpoch> nodeEpochs = new HashMap<>();
  /** By run, each epoch's windows with a known label, transitions included. */
  private final Map<String, TreeMap<Long, Long>> windowsByEpoch = new HashMap<>();

  /** @param rows which rows count (e.g. those of one run); transitions and unknown labels never do */
  public LabelEvidence(Predicate<GenericRecord> rows) {
    this.rows = rows;
  }

  /** The evidence of the rows under {@code dataDirs} of run {@code runId}. */
  public static List<ClassEvidence> ofRun(List<Path> dataDirs, String runId) {
    LabelEvidence evidence = new LabelEvidence(r -> runId.equals(String.valueOf(r.get("run_id"))));
    DatasetReader.forEachRow(dataDirs, evidence::add);
    return evidence.classes();
  }

  public void add(GenericRecord r) {
    String label = String.valueOf(r.get("fault_type"));
    List<FaultSign> signs = SIGNS_BY_LABEL.get(label); // none for unknown
    if (signs == null || r.get("epoch_id") == null || !rows.test(r)) {
      return;
    }
    String runId = String.valueOf(r.get("run_id"));
    long epochId = (Long) r.get("epoch_id");
    windowsByEpoch.computeIfAbsent(runId, k -> new TreeMap<>()).merge(epochId, 1L, Long::sum);
    if (Boolean.TRUE.equals(r.get("is_transition"))) {
      return;
    }
    String key = runId + "#" + epochId + "#" + r.get("node_id");
    NodeEpoch e = nodeEpochs.computeIfAbsent(key, k -> new NodeEpoch(runId, epochId, label));
    e.requests += (long) Math.max(0, Features.number(r, "request_count", 0));
    for (FaultSign sign : signs) {
      double value = sign.of(r);
      if (!Double.isNaN(value)) {
        e.values.computeIfAbsent(sign, x -> new ArrayList<>()).add(value);
      }
    }
  }

  /** Whether the node-epoch's epoch is its run's newest and has fewer windows than the one before: not written whole. */
  private boolean unfinished(NodeEpoch e) {
    TreeMap<Long, Long> epochs = windowsByEpoch.get(e.runId);
    Map.Entry<Long, Long> before = epochs.lowerEntry(e.epochId);
    return e.epochId == epochs.lastKey() && before != null && epochs.get(e.epochId) < before.getValue();
  }

  /** Every fault class with node-epochs, in the catalogue's order. */
  public List<ClassEvidence> classes() {
    Map<FaultSign, Double> benignLevel = benignLevels(nodeEpochs.values());
    Map<String, Map<FaultSign, Double>> benignLevelByEpoch = new HashMap<>();
    nodeEpochs.values().stream().filter(e -> e.label.equals(FaultType.BENIGN.wireName()))
        .collect(Collectors.groupingBy(e -> e.runId + "#" + e.epochId)).forEach((epoch, benign) -> {
          if (benign.size() >= EPOCH_BENIGN_MIN) {
            benignLevelByEpoch.put(epoch, benignLevels(benign));
          }
        });
    Map<String, long[]> counts = new TreeMap<>();
    for (NodeEpoch e : nodeEpochs.values()) {
      if (!e.label.equals(FaultType.BENIGN.wireName()) && !unfinished(e)) {
        FaultSign sign = SIGNS_BY_LABEL.get(e.label).get(0);
        long[] c = counts.computeIfAbsent(e.label, k -> new long[3]);
        boolean shows = sign.count ? e.values.getOrDefault(sign, List.of()).stream().mapToDouble(Double::doubleValue).sum() > 0
            : median(e, sign) > benignLevelByEpoch.getOrDefault(e.runId + "#" + e.epochId, benignLevel).get(sign);
        if (!shows && tooFewToTell(e)) {
          c[2]++;
          continue;
        }
        c[0]++;
        c[1] += shows ? 1 : 0;
      }
    }
    List<ClassEvidence> out = new ArrayList<>();
    for (FaultType type : FaultType.values()) {
      long[] c = counts.get(type.wireName());
      if (c != null) {
        out.add(new ClassEvidence(type.wireName(), FaultSign.OF.get(type).says, c[0], c[1], c[2]));
      }
    }
    return out;
  }

  /** Whether a random fault at its lowest rate would miss all of the node-epoch's requests with more than 1 - TARGET odds. */
  private static boolean tooFewToTell(NodeEpoch e) {
    Double rate = RandomHits.LOWEST_RATE.get(FaultType.of(e.label));
    return rate != null && Math.pow(1 - rate, e.requests) > 1 - TARGET;
  }

  /** The {@link #BENIGN_QUANTILE} of the benign node-epochs' medians, by level sign (NaN where none has a value). */
  private static Map<FaultSign, Double> benignLevels(Collection<NodeEpoch> epochs) {
    Map<FaultSign, Double> levels = new EnumMap<>(FaultSign.class);
    for (FaultSign sign : SIGNS_BY_LABEL.get(FaultType.BENIGN.wireName())) {
      double[] benign = epochs.stream().filter(e -> e.label.equals(FaultType.BENIGN.wireName()))
          .mapToDouble(e -> median(e, sign)).filter(v -> !Double.isNaN(v)).sorted().toArray();
      levels.put(sign, benign.length == 0 ? Double.NaN : benign[(int) Math.min(benign.length - 1,
          Math.floor(BENIGN_QUANTILE * benign.length))]);
    }
    return levels;
  }

  /** One line: each class's node-epochs showing it, and the classes below the target. */
  public static String line(List<ClassEvidence> classes) {
    if (classes.isEmpty()) {
      return "Label evidence: no clean fault node-epochs yet.";
    }
    StringBuilder line = new StringBuilder("Label evidence (clean fault node-epochs whose measurements show the fault):");
    classes.forEach(c -> line.append(' ').append(c.faultType()).append(' ').append(c.showing()).append('/').append(c.nodeEpochs())
        .append(c.belowTarget() ? " (BELOW " + Math.round(TARGET * 100) + "%)" : "")
        .append(c.tooFewRequests() > 0 ? " (+" + c.tooFewRequests() + " with too few requests to tell)" : "").append(','));
    line.setLength(line.length() - 1);
    return line.toString();
  }

  /** The evidence as plain maps, for report.json. */
  public static Map<String, Object> toMap(List<ClassEvidence> classes) {
    Map<String, Object> out = new LinkedHashMap<>();
    classes.forEach(c -> out.put(c.faultType(), Map.of("sign", c.sign(), "node_epochs", c.nodeEpochs(), "showing", c.showing(),
        "share", c.share(), "below_target", c.belowTarget(), "too_few_requests", c.tooFewRequests())));
    return out;
  }

  private static double median(NodeEpoch e, FaultSign sign) {
    double[] values = e.values.getOrDefault(sign, List.of()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = values.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }
}
