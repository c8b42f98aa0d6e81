package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every option's default is its service key's default, written once in the service's ConfigDef. */
class OptionDefaultsTest {
  /** Options that set no service's key, each for a reason a newcomer can check. */
  private static final Set<String> CLI_ONLY = Set.of(
      "--kafka-config",                 // a file of client settings, not one setting
      "run --bootstrap-servers",        // absent means: start the embedded broker
      "run --schema-registry-url",      // absent means: start the embedded registry
      "run --model", "run --detect-after", "run --progress-every", // the run's own detector and console
      "run --class-archive-dir", "run --node-hosting", // how the run starts its node processes
      "traffic --report-every",         // the console of the traffic command
      "relabel --from-run", "relabel --output-topic", "relabel --data-dir", "relabel --progress-every", // what to relabel, where to
      "lb --nodes", "metrics-bridge --nodes", "node-host --nodes", "node-host --first-node", "node-host --nodes-on-machine", // which nodes
      "lb --node-host", "metrics-bridge --node-host", // where the nodes are reached, not where they listen
      "compose-file --dir", "compose-file --scale-nodes", "compose-file --scale-hosts"); // what the file holds, where

  private static final Map<String, String[]> REQUIRED = Map.of("node", new String[] {"--id", "node-1", "--port", "7001"}, "node-host", new String[] {"--nodes", "3"},
      "train", new String[] {"--data-dir", "data"}, "report", new String[] {"--data-dir", "data"},
      "detect", new String[] {"--model", "model.tribuo"}, "evaluate", new String[] {"--model", "model.tribuo", "--data-dir", "data"});

  @Test
  void everyOptionNamesAKeyOrIsCommandLineOnly() {
    List<String> unkeyed = new ArrayList<>();
    forEachOption((command, option) -> {
      if (ServiceKeys.service(option.descriptionKey()) == null && !CLI_ONLY.contains(option.longestName())
          && !CLI_ONLY.contains(command.name() + " " + option.longestName())) {
        unkeyed.add(command.name() + " " + option.longestName());
      }
    });
    assertThat(unkeyed).as("options that set no service key and are not listed as command-line only").isEmpty();
  }

  @Test
  void aKeyedOptionWritesNoDefaultOfItsOwn() {
    forEachOption((command, option) -> {
      if (ServiceKeys.service(option.descriptionKey()) != null) {
        assertThat(option.defaultValue()).as(command.name() + " " + option.longestName() + " repeats its key's default").isNull();
      }
    });
  }

  @Test
  void everyKeyedOptionDefaultsToItsKeysDefaultInItsKeysUnit() {
    int[] checked = {0};
    forEachOption((command, option) -> {
      if (ServiceKeys.service(option.descriptionKey()) == null || !option.stringValues().isEmpty()) { // a required one, given
        return;
      }
      ConfigDef.ConfigKey key = ServiceKeys.key(option.descriptionKey());
      String where = command.name() + " " + option.longestName() + " (" + option.descriptionKey() + ")";
      assertThat(option.type() == Duration.class).as(where + ": a duration option sets a duration key and back")
          .isEqualTo(ConfigDefaults.isDuration(key));
      Object expected = key.defaultValue == ConfigDef.NO_DEFAULT_VALUE ? null : key.defaultValue;
      if (expected instanceof List<?> list && list.isEmpty()) {
        expected = null;
      }
      Object actual = option.getValue() == null ? null : ServiceSettings.setting(option.getValue());
      assertThat(actual == null ? null : ConfigDef.parseType(key.name, actual, key.type)).as(where).isEqualTo(expected);
      checked[0]++;
    });
    assertThat(checked[0]).isGreaterThan(60);
  }

  private interface OptionCheck {
    void check(CommandSpec command, OptionSpec option);
  }

  /** Every option of every subcommand, after parsing a command line with only the required options. */
  private static void forEachOption(OptionCheck check) {
    for (String name : Twlb.commandLine().getSubcommands().keySet()) {
      CommandLine root = Twlb.commandLine();
      List<String> args = new ArrayList<>(List.of(name));
      args.addAll(List.of(REQUIRED.getOrDefault(name, new String[0])));
      root.parseArgs(args.toArray(String[]::new));
      CommandSpec command = root.getSubcommands().get(name).getCommandSpec();
      for (OptionSpec option : command.options()) {
        if (!option.usageHelp() && !option.versionHelp()) {
          check.check(command, option);
        }
      }
    }
  }
}
