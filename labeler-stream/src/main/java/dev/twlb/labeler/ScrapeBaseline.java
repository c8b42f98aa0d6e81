package dev.twlb.labeler;

import dev.twlb.labeler.state.ScrapePoint;
import dev.twlb.schemas.MetricSample;
import dev.twlb.schemas.ScrapeFailure;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Pairs each scrape with the node's previous successful scrape of the same process, kept per node
 * across windows. A counter's rate needs two scrapes; a window often holds only one, and without
 * the one before it half the windows had no CPU rate. A failed scrape does not clear the baseline
 * (a flapping node's process lives on); a restart does, by its start time or its CPU counter.
 */
final class ScrapeBaseline implements Processor<String, Object, String, Object> {
  private final String storeName;
  private ProcessorContext<String, Object> context;
  private LastScrapeStore lastScrapes;

  ScrapeBaseline(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.lastScrapes = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, Object> record) {
    MetricSample sample = (MetricSample) record.value();
    if (!sample.getUp()) {
      context.forward(record.withValue(Scrape.failed(ScrapeFailure.isRefused(sample.getDownReason()))));
      return;
    }
    ScrapePoint point = Scrape.pointOf(sample);
    ScrapePoint previous = lastScrapes.get(record.key());
    if (previous != null && previous.getTsMs() >= point.getTsMs()) {
      context.forward(record.withValue(Scrape.succeeded(point, null, false))); // out of order: keep the newer baseline
      return;
    }
    lastScrapes.put(record.key(), point);
    boolean sameProcess = previous != null && Scrape.sameProcess(previous, point);
    context.forward(record.withValue(Scrape.succeeded(point, sameProcess ? previous : null, previous != null && !sameProcess)));
  }
}
