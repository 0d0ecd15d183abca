package org.convspark.jobs;

import java.util.HashMap;
import java.util.Map;
import org.convspark.driver.options.Surface;
import org.convspark.driver.options.TrainingOption;
import org.convspark.driver.options.TrainingOptions;
import org.convspark.driver.options.TrainingSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The training options of {@code convspark train}, made from the driver's {@link TrainingOptions}
 * through picocli's programmatic API (so no option is declared here), and read back after parsing.
 */
final class TrainingOptionsCli {
    private TrainingOptionsCli() {
    }

    /** Adds an option per training option to {@code command} (picocli parses and converts the values). */
    static void addTo(CommandSpec command) {
        for (TrainingOption<?> option : TrainingOptions.ALL) {
            OptionSpec.Builder b = OptionSpec.builder(option.cliName()).type(option.kind().type())
                    .description(option.doc() + (option.kind() == TrainingOption.Kind.BOOLEAN ? "."
                            : " (default: " + option.defaultText() + ")."));
            if (option.kind() == TrainingOption.Kind.BOOLEAN) {
                b.arity("0");
            } else {
                b.paramLabel(option.label());
            }
            command.addOption(b.build());
        }
    }

    /** The values the user gave on {@code command}'s line, checked (a UserInputException names the option). */
    static TrainingSettings settings(CommandSpec command) {
        Map<TrainingOption<?>, Object> given = new HashMap<>();
        for (TrainingOption<?> option : TrainingOptions.ALL) {
            Object value = command.findOption(option.cliName()).getValue();
            if (value != null) {
                given.put(option, value);
            }
        }
        return TrainingSettings.of(given, Surface.CLI);
    }
}
