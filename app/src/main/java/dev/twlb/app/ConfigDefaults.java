package dev.twlb.app;

import dev.twlb.servicekit.DurationConverter;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where every option's default comes from, so a default is written once. An option that sets a service's key
 * ({@link ServiceKeys}) takes that key's default; any other takes its annotation's. Either way the environment
 * variable {@code TWLB_<OPTION>} ({@code --epoch-duration}: {@code TWLB_EPOCH_DURATION}) overrides it. Keys that
 * end in {@code .ms} are durations in ms (the {@link DurationConverter} reads them).
 */
final class ConfigDefaults implements IDefaultValueProvider {

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp() || option.originallyRequired()
        || !option.longestName().startsWith("--")) {
      return null;
    }
    String fallback = ServiceKeys.service(option.descriptionKey()) != null ? keyDefault(option.descriptionKey()) : option.defaultValue();
    return "${env:" + envName(option) + (fallback == null ? "" : ":-" + fallback) + "}";
  }

  /** The environment variable that overrides {@code option}'s default. */
  static String envName(OptionSpec option) {
    return "TWLB_" + option.longestName().substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** Whether {@code key} is a duration in ms, which its option takes as a duration ({@code 5s}, {@code 500ms}). */
  static boolean isDuration(ConfigDef.ConfigKey key) {
    return key.name.endsWith(".ms") && key.type == ConfigDef.Type.LONG;
  }

  static String keyDefault(String ref) {
    ConfigDef.ConfigKey key = ServiceKeys.key(ref);
    Object value = key.defaultValue;
    if (value == null || value == ConfigDef.NO_DEFAULT_VALUE) {
      return null;
    }
    if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        return null;
      }
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    if (isDuration(key)) {
      long ms = ((Number) value).longValue();
      if (ms > 0 && ms % 3_600_000 == 0) {
        return ms / 3_600_000 + "h";
      }
      if (ms > 0 && ms % 60_000 == 0) {
        return ms / 60_000 + "m";
      }
      return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
    return String.valueOf(value);
  }
}
