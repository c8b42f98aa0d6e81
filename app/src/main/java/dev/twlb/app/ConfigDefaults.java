package dev.twlb.app;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults read from a service's {@link ConfigDef}, so a default is written once: an option
 * names its config key in {@code descriptionKey} and shows it with {@code ${DEFAULT-VALUE}}. Keys
 * that end in {@code .ms} become durations in ms (the {@link DurationConverter} reads them).
 */
abstract class ConfigDefaults implements IDefaultValueProvider {
  private final ConfigDef config;

  ConfigDefaults(ConfigDef config) {
    this.config = config;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.descriptionKey().isEmpty() || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    ConfigDef.ConfigKey key = config.configKeys().get(option.descriptionKey());
    if (key == null) {
      throw new IllegalStateException(option.longestName() + " names config key '" + option.descriptionKey() + "', which does not exist");
    }
    Object value = key.defaultValue;
    if (value == null || value == ConfigDef.NO_DEFAULT_VALUE) {
      return null;
    }
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return key.name.endsWith(".ms") ? value + "ms" : String.valueOf(value);
  }
}
