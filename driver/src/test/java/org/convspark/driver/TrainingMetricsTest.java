package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.driver.metrics.EngineWork;
import org.convspark.driver.metrics.TrainingMetricsPlugin;
import org.convspark.engine.optim.OptimizerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The plugin in a Spark run, seen as Prometheus sees it: the driver UI's Prometheus servlet,
 * scraped over HTTP at two step boundaries of a run on each step path (from the step listener,
 * which the trainer calls after it has published the step), shows the step gauge climbing and
 * every metric the README lists. In local mode the executor is the driver's JVM, so the engine
 * gauges are on that page too.
 */
class TrainingMetricsTest {
    private static final String PLUGIN = "plugin_org_convspark_driver_metrics_TrainingMetricsPlugin_";
    /** A gauge's line on the page: {@code metrics_<app id>_driver_<plugin>_<name>_Value{type="gauges"} <value>}. */
    private static final Pattern GAUGE = Pattern.compile(
            "^metrics_\\S+_driver_" + PLUGIN + "([A-Za-z]+)_Value\\{type=\"gauges\"\\} (\\S+)$", Pattern.MULTILINE);
    private static final List<String> DRIVER_METRICS = List.of("step", "totalSteps", "epoch", "loss",
            "imagesPerSecond", "stepMillis", "stepComputeMillis", "stepAllReduceMillis", "allReduceBytes");
    private static final List<String> ENGINE_METRICS = List.of("engineSamples", "engineComputeMillis");
    /** 210 samples in batches of 32: 7 steps an epoch, the seventh of 18 samples. */
    private static final int SAMPLES = 210;
    private static final int BATCH = 32;
    private static final long FIRST_SCRAPE = 3;
    private static final long SECOND_SCRAPE = 10;
    private static final long STEPS = 14;

    private static JavaSparkContext sc;
    private static URI page;
    private static ShardedDataset data;

    @BeforeAll
    static void start() {
        SparkConf conf = SparkTestSupport.conf(SparkTestSupport.LOCAL_MASTER)
                .set("spark.plugins", TrainingMetricsPlugin.class.getName())
                .set("spark.ui.enabled", "true")
                .set("spark.ui.port", "0")
                .set("spark.ui.prometheus.enabled", "true")
                .set("spark.metrics.conf.*.sink.prometheusServlet.class",
                        "org.apache.spark.metrics.sink.PrometheusServlet")
                .set("spark.metrics.conf.*.sink.prometheusServlet.path", "/metrics/prometheus");
        SparkTestSupport.stop(); // another test's session would keep its settings: no UI, no plugin
        sc = SparkTestSupport.context(SparkTestSupport.session(conf));
        int port = URI.create(sc.sc().uiWebUrl().get()).getPort();
        page = URI.create("http://127.0.0.1:" + port + "/metrics/prometheus/");
        data = ShardedDataset.fromArrays(sc, TestData.bands(SAMPLES, 8, 3, 5), 2);
    }

    @AfterAll
    static void stop() {
        if (data != null) {
            data.release();
        }
        SparkTestSupport.stop(); // the next test class starts its usual session
    }

    @ParameterizedTest
    @EnumSource(value = AllReduce.class, names = {"BARRIER", "TREE"})
    void theStepGaugeClimbsOnTheDriversPrometheusPageWhileTrainingRuns(AllReduce mode) {
        long samplesBefore = EngineWork.samples();
        List<Map<String, Double>> scrapes = new ArrayList<>();
        TrainerConfig config = TrainerConfig.builder().epochs(3).maxSteps(STEPS).batchSize(BATCH).seed(3)
                .optimizer(OptimizerConfig.of("adam", 0.005)).allReduce(mode).build();
        new DistributedTrainer(sc, TestData.smallConvNet(), config).withLog(line -> { })
                .withStepListener((step, total, epoch, loss) -> {
                    if (step == FIRST_SCRAPE || step == SECOND_SCRAPE) {
                        scrapes.add(scrape());
                    }
                }).fit(data);

        assertEquals(2, scrapes.size());
        Map<String, Double> first = scrapes.get(0);
        Map<String, Double> second = scrapes.get(1);
        for (Map<String, Double> scraped : scrapes) {
            for (String name : concat(DRIVER_METRICS, ENGINE_METRICS)) {
                assertTrue(scraped.containsKey(name), name + " missing from " + scraped);
            }
        }
        assertEquals(FIRST_SCRAPE, first.get("step"));
        assertEquals(SECOND_SCRAPE, second.get("step"), "the step gauge climbs as the run goes");
        assertEquals(STEPS, second.get("totalSteps"));
        assertEquals(2.0, second.get("epoch"));
        assertTrue(second.get("loss") > 0 && second.get("loss") < 5, "loss " + second.get("loss"));
        // Timed stretches: every step on the tree path, the first epoch (steps 1-7) in the barrier round.
        assertTrue(second.get("imagesPerSecond") > 0, second.toString());
        assertTrue(second.get("stepComputeMillis") > 0, second.toString());
        // A tree step's job always costs more than its compute; a barrier step's wait, less a slower
        // partition's compute, is small and only never negative.
        assertTrue(mode == AllReduce.TREE ? second.get("stepAllReduceMillis") > 0
                : second.get("stepAllReduceMillis") >= 0, second.toString());
        assertTrue(second.get("stepMillis") >= second.get("stepAllReduceMillis"), second.toString());
        if (mode == AllReduce.BARRIER) {
            assertTrue(second.get("allReduceBytes") > 0, "partition 0's bytes, counted at the first epoch's end");
        } else {
            assertEquals(0.0, second.get("allReduceBytes"), "the tree path's bytes travel inside Spark's jobs");
        }
        // By step 10 every partition has trained its share of steps 1-10: 210 + 3 x 32 samples.
        assertTrue(second.get("engineSamples") - samplesBefore >= SAMPLES + 3 * BATCH, second.toString());
        assertTrue(second.get("engineSamples") >= first.get("engineSamples"));
    }

    /** Spark's own metrics servlet, on every driver UI without any metrics configuration, shows them too. */
    @Test
    void theDriverMetricsAreOnSparksDefaultJsonPage() {
        String json = get(page.resolve("/metrics/json/"));
        for (String name : concat(DRIVER_METRICS, ENGINE_METRICS)) {
            assertTrue(json.contains(".driver.plugin." + TrainingMetricsPlugin.class.getName() + "." + name + "\""),
                    name + " missing from " + json);
        }
    }

    /** The plugin's gauges on the driver's Prometheus page, by metric name; prints the names it saw. */
    private static Map<String, Double> scrape() {
        String body = get(page);
        Map<String, Double> gauges = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        Matcher m = GAUGE.matcher(body);
        while (m.find()) {
            gauges.put(m.group(1), Double.valueOf(m.group(2)));
            lines.add(m.group());
        }
        System.out.println("scraped " + page + ":\n  " + String.join("\n  ", lines));
        return gauges;
    }

    private static String get(URI uri) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), uri + ": " + response.body());
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
