package dev.twlb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twlb.detector.EvaluateConfig;
import dev.twlb.detector.ModelEvaluation;
import dev.twlb.detector.Scores;
import dev.twlb.detector.TrainConfig;
import dev.twlb.detector.Training;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Real-time detection as a user gets it: one {@code twlb run} with a live detector trained on its first epochs (its
 * own {@code detector/live.json}: onset to verdict, false alarms), its early verdicts' held-out scores on the epochs
 * after them, and the same model on a second run with another seed. The reference, measured in the same run: a
 * detector trained on the final 5 s windows of the same epochs and scored on the same later epochs, whose verdicts
 * come a window and a grace after a window starts.
 */
@Command(name = "realtime", mixinStandardHelpOptions = true,
    description = {"Runs twlb run with --detect-after (15 nodes, 6 faulty, the defaults otherwise) and a second run",
        "with another seed; reports onset-to-verdict time by fault, false alarms per node-hour, the early verdicts'",
        "macro-F1 on the epochs after training and on the other run, beside a final-window detector's. Writes",
        "realtime.json."})
final class RealtimeBench implements Callable<Integer> {
  @Mixin
  JarOptions files;

  @Option(names = "--epochs", defaultValue = "12", description = "Epochs of the run with the detector. Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--detect-after", defaultValue = "6", description = "Epochs trained on before it goes live. Default: ${DEFAULT-VALUE}.")
  int detectAfter;

  @Option(names = "--other-epochs", defaultValue = "4", description = "Epochs of the second run (0: none). Default: ${DEFAULT-VALUE}.")
  int otherEpochs;

  @Option(names = "--seeds", split = ",", defaultValue = "301,302", description = "Seeds of the two runs. Default: ${DEFAULT-VALUE}.")
  List<Long> seeds;

  @Option(names = "--epoch-duration", defaultValue = "60s", description = "Epoch length of both runs. Default: ${DEFAULT-VALUE}.")
  String epochDuration;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("twlb-realtime-bench");
    Path live = run(work.resolve("live"), seeds.get(0), epochs, List.of("--detect-after", Integer.toString(detectAfter)));
    JsonNode liveReport = new ObjectMapper().readTree(live.resolve("detector").resolve("live.json").toFile());
    long scoredFrom = Instant.parse(liveReport.get("scored_from").asText()).toEpochMilli();
    Path model = live.resolve("detector").resolve("model.tribuo");
    Scores heldOut = evaluate(model, live.resolve("early"), scoredFrom, work.resolve("eval-live"));
    Scores reference = finalWindowReference(live, scoredFrom, work);
    Scores other = otherEpochs == 0 ? null
        : evaluate(model, run(work.resolve("other"), seeds.get(1), otherEpochs, List.of()).resolve("early"), 0, work.resolve("eval-other"));

    Report report = new Report("realtime", "measure", "early windows (live)", "final 5 s windows (reference)");
    JsonNode onsets = liveReport.get("onsets");
    report.row("median onset to first verdict naming the fault, all fault node-epochs (s)",
        seconds(onsets.get("median_onset_to_verdict_s")), "window + grace: at least 11 after the window starts");
    report.row("of which: onset to the end of that verdict's window (s)", seconds(onsets.get("median_onset_to_window_end_s")), "-");
    report.row("fault node-epochs measured (never named)", onsets.get("fault_node_epochs").asInt() + " ("
        + onsets.get("never_named").asInt() + ")", "-");
    report.row("false alarms per node-hour (benign node-hours; alarms held over from a fault)", String.format("%.2f (%.2f; %d)",
        onsets.get("false_alarms_per_node_hour").asDouble(), onsets.get("benign_node_hours").asDouble(),
        onsets.get("alarms_held_over_from_a_fault").asLong()), "-");
    report.row("macro-F1, epochs after training (held out in time)", heldOut.macroF1(), reference.macroF1());
    if (other != null) {
      report.row("macro-F1, another run (seed " + seeds.get(1) + ")", other.macroF1(), "-");
    }
    Map<String, Double> referenceF1 = new LinkedHashMap<>();
    reference.perClass().forEach(c -> referenceF1.put(c.label(), c.f1()));
    for (Scores.ClassScore c : heldOut.perClass()) {
      JsonNode byFault = onsets.get("by_fault").get(c.label());
      report.row("F1 " + c.label() + (byFault == null ? "" : ", median onset to verdict " + seconds(byFault.get("median_onset_to_verdict_s"))
          + " s (window " + seconds(byFault.get("median_onset_to_window_end_s")) + " s), right share "
          + seconds(byFault.get("right_verdict_share"))), c.f1(), referenceF1.getOrDefault(c.label(), Double.NaN));
    }
    report.fact("runs", "twlb run --epochs " + epochs + " --faulty 6 --detect-after " + detectAfter + " --seed " + seeds.get(0)
            + " --epoch-duration " + epochDuration + "; twlb run --epochs " + otherEpochs + " --faulty 6 --seed " + seeds.get(1))
        .fact("split", "trained on epochs 1-" + detectAfter + " of the first run, scored on the epochs after them (held out in time)"
            + " and on every clean early window of the second run; never shuffled windows")
        .fact("onset", "when the node applied the fault (its confirmation); a node-epoch no verdict named counts as longer than any")
        .fact("live detector", liveReport.get("model").asText() + ", scored from " + liveReport.get("scored_from").asText())
        .print(files.results);
    return 0;
  }

  /** A detector trained on the final windows of the same training epochs, scored on the same later epochs. */
  private Scores finalWindowReference(Path live, long scoredFrom, Path work) throws Exception {
    Training.Result trained = new Training(new TrainConfig(Map.of(TrainConfig.DATA_DIRS, List.of(live.toString()),
        TrainConfig.OUT_DIR, work.resolve("reference").toString(), TrainConfig.FOLDS, Math.min(5, detectAfter),
        TrainConfig.WINDOWS_BEFORE_MS, scoredFrom, TrainConfig.BASELINE, false)), quiet()).run();
    return evaluate(trained.model(), live, scoredFrom, work.resolve("eval-reference"));
  }

  private static Scores evaluate(Path model, Path data, long fromMs, Path out) throws Exception {
    ModelEvaluation.Result result = ModelEvaluation.run(new EvaluateConfig(Map.of(EvaluateConfig.MODEL_FILE, model.toString(),
        EvaluateConfig.DATA_DIRS, List.of(data.toString()), EvaluateConfig.OUT_DIR, out.toString(),
        EvaluateConfig.WINDOWS_FROM_MS, fromMs)), System.out);
    return result.scores();
  }

  private Path run(Path dir, long seed, int runEpochs, List<String> extra) throws Exception {
    Files.createDirectories(dir);
    List<String> args = new ArrayList<>(List.of("--epochs", Integer.toString(runEpochs), "--faulty", "6", "--seed", Long.toString(seed),
        "--epoch-duration", epochDuration, "--data-dir", dir.toString()));
    args.addAll(extra);
    List<String> command = ChildRun.command(files.jar, ChildRun.RUN_LINE_HEAP, List.of(), args);
    System.out.println("running: " + ChildRun.shown(command, files.jar) + " " + String.join(" ", args) + " (log: " + dir.resolve("run.log") + ")");
    Process process = ChildRun.start(command, dir.resolve("run.log"));
    if (!process.waitFor(runEpochs * 120L + 900, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("twlb run failed; see " + dir.resolve("run.log"));
    }
    return dir;
  }

  /** A number from live.json to two decimals, or its word ("never", "-"). */
  private static String seconds(JsonNode value) {
    return value == null ? "-" : value.isNumber() ? String.format("%.2f", value.asDouble()) : value.asText();
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream());
  }
}
