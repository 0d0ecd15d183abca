package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.convspark.engine.json.JsonObject;
import org.junit.jupiter.api.Test;

class RunSettingsTest {
    @Test
    void theRunConfigurationKeepsItsOrderAndShowsStringsBare() {
        JsonObject config = JsonObject.builder().put("model", "lenet5").put("epochs", 12).put("lr", 0.004)
                .put("resume", false).build();
        Map<String, String> shown = RunSettings.of(config);
        assertEquals(List.of("model", "epochs", "lr", "resume"), List.copyOf(shown.keySet()));
        assertEquals("lenet5", shown.get("model"));
        assertEquals("12", shown.get("epochs"));
        assertEquals("0.004", shown.get("lr"));
        assertEquals("false", shown.get("resume"));
    }

    @Test
    void sparkSettingsAreSortedAndSecretsHiddenAsSparkHidesThem() {
        SparkConf conf = new SparkConf(false).set("spark.master", "local[2]")
                .set("spark.hadoop.fs.s3a.access.key", "AKIA123").set("spark.authenticate.secret", "s3cr3t")
                .set("spark.app.name", "convspark train").set("spark.some.url", "https://u:password@host");
        Map<String, String> shown = RunSettings.spark(conf);
        assertEquals(List.of("spark.app.name", "spark.authenticate.secret", "spark.hadoop.fs.s3a.access.key",
                "spark.master", "spark.some.url"), List.copyOf(shown.keySet()));
        assertEquals("local[2]", shown.get("spark.master"));
        assertEquals(RunSettings.REDACTED, shown.get("spark.hadoop.fs.s3a.access.key"));
        assertEquals(RunSettings.REDACTED, shown.get("spark.authenticate.secret"));
        assertEquals(RunSettings.REDACTED, shown.get("spark.some.url"));
        conf.set("spark.redaction.regex", "(?i)master");
        assertEquals(RunSettings.REDACTED, RunSettings.spark(conf).get("spark.master"));
    }
}
