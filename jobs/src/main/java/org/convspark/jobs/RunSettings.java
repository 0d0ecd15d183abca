package org.convspark.jobs;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonString;
import org.convspark.engine.json.JsonValue;
import scala.Tuple2;

/**
 * A run's settings as the report's tables show them: the run configuration (what metrics.json
 * records, in its order) and the Spark configuration, sorted by key, with secrets hidden the way
 * Spark's own UI hides them: a key or value matching {@code spark.redaction.regex} shows
 * {@value #REDACTED}.
 */
final class RunSettings {
    /** Spark's default {@code spark.redaction.regex}. */
    static final String DEFAULT_REDACTION = "(?i)secret|password|token|access[.]?key";
    /** What Spark's UI shows instead of a redacted value. */
    static final String REDACTED = "*********(redacted)";

    private RunSettings() {
    }

    static Map<String, String> of(JsonObject config) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : config.members().entrySet()) {
            JsonValue v = e.getValue();
            out.put(e.getKey(), v instanceof JsonString s ? s.asString() : String.valueOf(v));
        }
        return out;
    }

    static Map<String, String> spark(SparkConf conf) {
        Pattern redaction = Pattern.compile(conf.get("spark.redaction.regex", DEFAULT_REDACTION));
        Map<String, String> out = new LinkedHashMap<>();
        Tuple2<String, String>[] all = conf.getAll();
        Arrays.sort(all, Comparator.comparing(Tuple2::_1));
        for (Tuple2<String, String> kv : all) {
            boolean secret = redaction.matcher(kv._1()).find() || redaction.matcher(kv._2()).find();
            out.put(kv._1(), secret ? REDACTED : kv._2());
        }
        return out;
    }
}
