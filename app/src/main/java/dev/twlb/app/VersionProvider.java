package dev.twlb.app;

import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine.IVersionProvider;

/** {@code twlb --version}: the project's version from the jar manifest, and the Kafka it embeds. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Twlb.class.getPackage().getImplementationVersion();
    return new String[] {
      "twlb " + (version == null ? "(development build)" : version),
      "Apache Kafka " + AppInfoParser.getVersion() + ", Java " + System.getProperty("java.version")
    };
  }
}
