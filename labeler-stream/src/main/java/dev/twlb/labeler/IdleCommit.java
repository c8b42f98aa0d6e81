package dev.twlb.labeler;

import java.time.Duration;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Commits a task as soon as its stream thread's input pauses, when its commit interval is long. Re-labeling a
 * history commits every few seconds ({@link LabelerService#HISTORY_SETTINGS}): each commit writes every open window
 * that changed since the last one, which with thousands of nodes is all of them. {@code twlb relabel} ends when the committed
 * offsets reach the end of the history; with this it sees them there a moment after the last record, not up to an
 * interval later.
 *
 * <p>A pause is the thread's, not the task's: a task often waits for one of its partitions to be fetched while the
 * thread's other tasks go on, and with exactly-once one task's commit commits them all. Looking at the task alone
 * committed 174 times in a 48 s re-labeling of 5,000 nodes where the interval gives 10 (writing open windows before
 * those commits: 18% of the stream thread's samples).
 *
 * <p>A live labeler (commits five times a second) gets no idle commits: it would commit at every pause in its input.
 */
final class IdleCommit {
  /** How often a task looks whether its thread's input paused: no progress from one look to the next. */
  static final Duration LOOK_EVERY = Duration.ofMillis(100);

  /** Records processed by the tasks of each stream thread; a task's processors and punctuators run on its thread. */
  private static final ThreadLocal<Progress> THREAD_PROGRESS = ThreadLocal.withInitial(Progress::new);

  private static final class Progress {
    long processed;
  }

  private final ProcessorContext<?, ?> context;
  private boolean watching;
  private long processedAtLastLook;
  private long streamTimeAtLastLook = Long.MIN_VALUE;
  private long processedAtLastCommit;
  private long streamTimeAtLastCommit = Long.MIN_VALUE;

  private IdleCommit(ProcessorContext<?, ?> context) {
    this.context = context;
  }

  /**
   * Starts looking for pauses in the input of the task's thread if its commit interval is longer than a live
   * labeler's ({@link LabelerService#LIVE_COMMIT_INTERVAL_MS}); the caller reports each record it processes with
   * {@link #processed()}.
   */
  static IdleCommit scheduleIfLongInterval(ProcessorContext<?, ?> context) {
    IdleCommit idle = new IdleCommit(context);
    Object interval = context.appConfigs().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    if (interval != null && Long.parseLong(interval.toString()) > LabelerService.LIVE_COMMIT_INTERVAL_MS) {
      context.schedule(LOOK_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> idle.look());
      idle.watching = true;
    }
    return idle;
  }

  void processed() {
    if (watching) {
      THREAD_PROGRESS.get().processed++;
    }
  }

  /**
   * The task's stream time counts as progress too: a record only some other processor of the task saw (an assignment)
   * moves it, mostly.
   */
  private void look() {
    long processed = THREAD_PROGRESS.get().processed;
    long streamTime = context.currentStreamTimeMs();
    boolean paused = processed == processedAtLastLook && streamTime == streamTimeAtLastLook;
    boolean uncommitted = processed != processedAtLastCommit || streamTime != streamTimeAtLastCommit;
    if (paused && uncommitted) {
      context.commit(); // a request: Kafka Streams commits the task after this punctuation, if it has anything to commit
      processedAtLastCommit = processed;
      streamTimeAtLastCommit = streamTime;
    }
    processedAtLastLook = processed;
    streamTimeAtLastLook = streamTime;
  }
}
