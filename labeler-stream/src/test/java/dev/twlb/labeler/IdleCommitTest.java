package dev.twlb.labeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

/** Tasks of one stream thread (this test's), each with its own context as Kafka Streams gives them. */
class IdleCommitTest {

  @Test
  void aTaskWaitingForInputWhileItsThreadWorksOnRequestsNoCommit() {
    Task waiting = Task.committingEvery(5_000);
    Task working = Task.committingEvery(5_000);
    waiting.process(1_000); // and nothing more
    lookAt(waiting, working);
    for (int look = 0; look < 10; look++) {
      working.process(1_000 + look);
      lookAt(waiting, working);
      assertThat(waiting.requestedCommit()).as("waiting task, look %d", look).isFalse();
      assertThat(working.requestedCommit()).as("working task, look %d", look).isFalse();
    }
  }

  @Test
  void whenTheWholeThreadPausesEachTaskRequestsOneCommit() {
    Task first = Task.committingEvery(5_000);
    Task second = Task.committingEvery(5_000);
    first.process(1_000);
    second.process(1_000);
    lookAt(first, second);

    lookAt(first, second); // nothing processed since the last look
    assertThat(first.requestedCommit()).isTrue();
    assertThat(second.requestedCommit()).isTrue();

    lookAt(first, second); // still paused, and nothing new to commit
    assertThat(first.requestedCommit()).isFalse();
    assertThat(second.requestedCommit()).isFalse();
  }

  @Test
  void aLabelerCommittingEverySecondIsNotWatched() {
    assertThat(Task.committingEvery(LabelerService.LIVE_COMMIT_INTERVAL_MS).context.scheduledPunctuators()).isEmpty();
    assertThat(Task.committingEvery(5_000).context.scheduledPunctuators()).singleElement().satisfies(look -> {
      assertThat(look.getInterval()).isEqualTo(IdleCommit.LOOK_EVERY);
      assertThat(look.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
    });
  }

  private static void lookAt(Task... tasks) {
    for (Task task : tasks) {
      task.look();
    }
  }

  private record Task(MockProcessorContext<Object, Object> context, IdleCommit idle) {
    static Task committingEvery(long commitIntervalMs) {
      Properties config = new Properties();
      config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitIntervalMs));
      MockProcessorContext<Object, Object> context = new MockProcessorContext<>(config);
      context.setCurrentStreamTimeMs(0);
      return new Task(context, IdleCommit.scheduleIfLongInterval(context));
    }

    /** A record the task's windows processed, and the stream time after it. */
    void process(long streamTimeMs) {
      idle.processed();
      context.setCurrentStreamTimeMs(streamTimeMs);
    }

    /** Runs the scheduled look, as the stream thread does every 100 ms; its commit request is read once. */
    void look() {
      context.resetCommit();
      context.scheduledPunctuators().get(0).getPunctuator().punctuate(0);
    }

    boolean requestedCommit() {
      return context.committed();
    }
  }
}
