package dev.twlb.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
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
