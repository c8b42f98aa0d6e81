package dev.twlb.servicekit;

import java.util.concurrent.CompletionStage;
import org.apache.kafka.streams.KafkaStreams;

/** What a service that is one Kafka Streams application answers, the same for each: its state, port and failure. */
public abstract class StreamsService implements Service {
  private final StreamsRunner streams;

  protected StreamsService(StreamsRunner streams) {
    this.streams = streams;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public int metricsPort() {
    return streams.metricsPort();
  }

  @Override
  public CompletionStage<Throwable> failure() {
    return streams.failure();
  }

  @Override
  public void close() {
    streams.close();
  }
}
