package dev.twlb.detector;

import dev.twlb.schemas.FaultDetection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

/** A trained model file, ready to score labeled windows from their features alone. */
public final class DetectorModel {
  private final Model<Label> model;
  private final String id;

  private DetectorModel(Model<Label> model, String id) {
    this.model = model;
    this.id = id;
  }

  /** Loads a model written by {@code twlb train}; a file that is not one is a clear error. */
  public static DetectorModel load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no model file at " + file + " (train one with twlb train)");
    }
    try {
      Model<?> loaded = Model.deserializeFromFile(file);
      if (!loaded.validate(Label.class)) {
        throw new IllegalArgumentException(file + " is not a classification model");
      }
      return new DetectorModel(loaded.castModel(Label.class), file.getFileName() + "@" + sha256(file).substring(0, 12));
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw (IllegalArgumentException) e;
      }
      throw new IllegalArgumentException(file + " is not a model written by twlb train: " + e.getMessage(), e);
    }
  }

  /** The model file's name and the first 12 hex digits of its SHA-256. */
  public String id() {
    return id;
  }

  /**
   * The verdict on one row of {@code labeled-metrics}. Only {@link Features#ALL} of the row is
   * read; its label, purity, transition flag, run and epoch are copied beside the verdict.
   */
  public FaultDetection detect(GenericRecord window, Instant now) {
    Prediction<Label> prediction = Svm.predict(model, Features.ALL, Features.ALL.of(window));
    Object truth = window.get("fault_type");
    Object runId = window.get("run_id");
    return FaultDetection.newBuilder()
        .setNodeId(window.get("node_id").toString())
        .setWindowStart(Instant.ofEpochMilli(DatasetReader.millis(window.get("window_start"))))
        .setWindowEnd(Instant.ofEpochMilli(DatasetReader.millis(window.get("window_end"))))
        .setPredictedFault(prediction.getOutput().getLabel())
        .setScore(contestsWon(prediction))
        .setModelId(id)
        .setDetectedAt(now)
        .setTrueFault(truth == null ? null : truth.toString())
        .setIsTransition((Boolean) window.get("is_transition"))
        .setRunId(runId == null ? null : runId.toString())
        .setEpochId((Long) window.get("epoch_id"))
        .build();
  }

  /** The predicted class of each row, from its features alone. */
  List<String> predict(List<Row> rows) {
    return Svm.predictLabels(model, Features.ALL, rows);
  }

  /**
   * LibSVM's one-vs-one score of a class is how many of its k - 1 pairwise contests it won; as a
   * share, 1 means the predicted class beat every other one.
   */
  private double contestsWon(Prediction<Label> prediction) {
    int contests = Math.max(1, model.getOutputIDInfo().size() - 1);
    return Math.min(1.0, prediction.getOutput().getScore() / contests);
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
