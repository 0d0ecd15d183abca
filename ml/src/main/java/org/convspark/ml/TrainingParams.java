package org.convspark.ml;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.convspark.driver.options.TrainingOption;
import org.convspark.driver.options.TrainingOptions;

/**
 * The estimator's training params, one per option of the driver's {@link TrainingOptions}: same
 * name, a Spark param type for its value type, its one-line description and default in the doc,
 * and its rule as the validator, so a value is refused when it is set (setters, {@code
 * ParamGridBuilder}, loading) with the message the command line gives, the option spelled as the
 * param. Nothing here names an option: a new one in {@code TrainingOptions} is a new param.
 */
final class TrainingParams {
    private TrainingParams() {
    }

    /** A param per training option, by option name, owned by {@code uid}. */
    static Map<String, Param<?>> create(String uid) {
        Map<String, Param<?>> params = new LinkedHashMap<>();
        for (TrainingOption<?> option : TrainingOptions.ALL) {
            params.put(option.name(), param(uid, option));
        }
        return params;
    }

    private static Param<?> param(String uid, TrainingOption<?> option) {
        String name = option.name();
        // Spark's explainParams shows a fixed default itself; a derived one only the doc can tell.
        String doc = option.defaultValue() == null ? option.doc() + " (default: " + option.defaultText() + ")"
                : option.doc();
        return switch (option.kind()) {
            case INT -> new IntParam(uid, name, doc, check(name));
            case LONG -> new LongParam(uid, name, doc, check(name));
            case DOUBLE -> new DoubleParam(uid, name, doc, check(name));
            case BOOLEAN -> new BooleanParam(uid, name, doc);
            case STRING -> new Param<String>(uid, name, doc, TrainingParams.<String>check(name));
        };
    }

    /** The option's rule as a validator; looked up by name when a value is checked, as params travel in closures. */
    private static <T> ParamCheck<T> check(String name) {
        return new ParamCheck<>(name, value -> TrainingOptions.named(name).problem(value));
    }
}
