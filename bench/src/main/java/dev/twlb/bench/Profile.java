package dev.twlb.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/** A Java Flight Recorder recording of one phase of a benchmark, when a file is given (else nothing). */
final class Profile implements AutoCloseable {
  private final Recording recording;
  private final Path file;

  private Profile(Recording recording, Path file) {
    this.recording = recording;
    this.file = file;
  }

  static Profile start(Path file) throws IOException, ParseException {
    if (file == null) {
      return new Profile(null, null);
    }
    Recording recording = new Recording(Configuration.getConfiguration("profile"));
    // A benchmark phase lasts seconds: sample every millisecond, not every 10-20, for enough samples to rank.
    recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
    recording.start();
    return new Profile(recording, file);
  }

  @Override
  public void close() throws IOException {
    if (recording != null) {
      recording.stop();
      recording.dump(file);
      recording.close();
      System.out.println("profile written to " + file);
    }
  }
}
