package dev.twlb.sink.format;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Forces a written file to disk, so a rename that makes it visible never exposes a half-written file after a power loss. */
public final class Durable {
  private Durable() {}

  public static void sync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }
}
