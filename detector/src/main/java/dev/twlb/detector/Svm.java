package dev.twlb.detector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.libsvm.LibSVMClassificationTrainer;
import org.tribuo.classification.libsvm.SVMClassificationType;
import org.tribuo.classification.libsvm.SVMClassificationType.SVMMode;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.Transformation;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/**
 * A multi-class RBF SVM (Tribuo's LibSVM, one-vs-one) on standardized features, with class weights
 * that make every fault count as much as {@code benign} however rare it is. The standardization is
 * fitted on the training rows only and travels inside the model.
 */
final class Svm {
  private static final LabelFactory LABELS = new LabelFactory();

  static {
    libsvm.svm.svm_set_print_string_function(line -> {}); // LibSVM prints every optimisation step to stdout
  }

  /** The SVM's two knobs: the cost of a misclassified training row, and the RBF kernel's width. */
  record Params(double cost, double gamma) {
    @Override
    public String toString() {
      return "C=" + cost + " gamma=" + gamma;
    }
  }

  private Svm() {}

  /** A model of the rows a model learns from ({@link Row#trained()}) of {@code given}. */
  static Model<Label> train(List<Row> given, Features set, Params params, long seed) {
    List<Row> rows = Row.trained(given);
    SVMParameters<Label> svm = new SVMParameters<>(new SVMClassificationType(SVMMode.C_SVC), KernelType.RBF);
    svm.setCost(params.cost());
    svm.setGamma(params.gamma());
    LibSVMClassificationTrainer trainer = new LibSVMClassificationTrainer(svm, seed);
    trainer.setLabelWeights(balancedWeights(rows));
    TransformTrainer<Label> scaled = new TransformTrainer<>(trainer, standardization(rows, set), true);
    return scaled.train(dataset(rows, set));
  }

  /**
   * Mean/std scaling for every feature that varies in the training rows. A constant one is left as
   * it is: scaling it would divide by a zero deviation and turn every row into NaN.
   */
  private static TransformationMap standardization(List<Row> rows, Features set) {
    String[] names = set.names();
    Map<String, List<Transformation>> perFeature = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      final int feature = i;
      double first = rows.get(0).features(set)[feature];
      if (rows.stream().anyMatch(r -> r.features(set)[feature] != first)) {
        perFeature.put(names[i], List.of(new MeanStdDevTransformation()));
      }
    }
    return new TransformationMap(perFeature);
  }

  static Prediction<Label> predict(Model<Label> model, Features set, double[] values) {
    return model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, set.names(), values));
  }

  /** The predicted label of every row, in order. */
  static List<String> predictLabels(Model<Label> model, Features set, List<Row> rows) {
    return rows.stream().map(row -> predict(model, set, row.features(set)).getOutput().getLabel()).toList();
  }

  private static MutableDataset<Label> dataset(List<Row> rows, Features set) {
    MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("twlb labeled windows", LABELS), LABELS);
    String[] names = set.names();
    for (Row row : rows) {
      data.add(new ArrayExample<>(new Label(row.label()), names, row.features(set)));
    }
    return data;
  }

  /** n / (k × n_c): a class's rows together weigh as much as any other class's. */
  private static Map<Label, Float> balancedWeights(List<Row> rows) {
    Map<String, Integer> counts = new HashMap<>();
    rows.forEach(r -> counts.merge(r.label(), 1, Integer::sum));
    Map<Label, Float> weights = new HashMap<>();
    counts.forEach((label, n) -> weights.put(new Label(label), (float) (rows.size() / (double) (counts.size() * n))));
    return weights;
  }
}
