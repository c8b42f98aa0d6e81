package dev.twlb.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {
  @Test
  void everyRoleOfBinTwlbHasItsLineAndTheJarCarriesTheFileAsItIs() throws Exception {
    for (String role : List.of("run", "node", "broker", "service", "tool")) {
      assertThat(JvmOptions.of(role)).as(role).isNotEmpty().allMatch(o -> o.startsWith("-"));
    }
    assertThat(JvmOptions.of("node")).contains("-Xmx24m", "-XX:+UseSerialGC");
    assertThat(Files.readString(Path.of("../bin/jvm.options"))).contains("node=" + String.join(" ", JvmOptions.of("node")));
  }
}
