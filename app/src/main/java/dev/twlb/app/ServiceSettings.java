package dev.twlb.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A service's settings as a command's options give them: every option that names a key of {@code service}
 * ({@link ServiceKeys}) puts its value there, checked by that key's validator, so a bad value stops the command
 * with the option's name and the key's own rule, before anything starts.
 */
final class ServiceSettings {
  private static final Pattern PREAMBLE = Pattern.compile("Invalid value .* for configuration [^:]+: (.*)", Pattern.DOTALL);

  private ServiceSettings() {}

  static Map<String, Object> of(CommandSpec spec, String service) {
    Map<String, Object> settings = new HashMap<>();
    for (OptionSpec option : spec.options()) {
      if (!service.equals(ServiceKeys.service(option.descriptionKey())) || option.getValue() == null) {
        continue;
      }
      ConfigDef.ConfigKey key = ServiceKeys.key(option.descriptionKey());
      Object value = setting(option.getValue());
      try {
        Object parsed = ConfigDef.parseType(key.name, value, key.type);
        if (key.validator != null) {
          key.validator.ensureValid(key.name, parsed);
        }
      } catch (ConfigException e) {
        String given = option.stringValues().isEmpty() ? String.valueOf(option.getValue()) : String.join(",", option.stringValues());
        throw new ParameterException(spec.commandLine(), option.longestName() + " " + given + ": " + reason(e));
      }
      settings.put(key.name, value);
    }
    return settings;
  }

  /** The rule a value broke, without ConfigException's "Invalid value ... for configuration ...:" preamble. */
  static String reason(ConfigException e) {
    Matcher m = PREAMBLE.matcher(e.getMessage());
    return m.matches() ? m.group(1) : e.getMessage();
  }

  /** An option's value as its key takes it: durations in ms, paths and lists as text. */
  static Object setting(Object value) {
    if (value instanceof Duration duration) {
      return duration.toMillis();
    }
    if (value instanceof Path path) {
      return path.toString();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value;
  }
}
