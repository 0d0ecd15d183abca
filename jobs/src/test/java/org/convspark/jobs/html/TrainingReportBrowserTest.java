package org.convspark.jobs.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a browser sees it: headless Chromium, offline, parses the page, and every section
 * and chart is in its DOM, the charts as SVG with their drawn elements; and it takes a 1280 x 2400
 * screenshot. Skipped (with the reason) only where Chromium is not installed.
 */
class TrainingReportBrowserTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static Optional<Chromium> chromium;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findBrowser() {
        chromium = Chromium.find();
    }

    private Chromium browser() {
        assumeTrue(chromium.isPresent(), "chromium is not installed (Debian: apt-get install -y chromium); "
                + "the browser rendering test is skipped");
        return chromium.get();
    }

    private Path page() throws IOException {
        Path page = tmp.resolve("report.html");
        Files.writeString(page, TrainingReport.render(SampleRun.lenet5()));
        return page;
    }

    /** The element {@code <tag ... data-chart="name"...>...</tag>} in the dumped DOM. */
    private static String element(String dom, String tag, String name) {
        Matcher m = Pattern.compile("<" + tag + "[^>]*data-chart=\"" + name + "\"").matcher(dom);
        assertTrue(m.find(), "no <" + tag + " data-chart=\"" + name + "\"> in the rendered DOM");
        int end = dom.indexOf("</" + tag + ">", m.start());
        return dom.substring(m.start(), end);
    }

    @Test
    void everySectionAndChartIsInTheRenderedDom() throws Exception {
        String dom = browser().dumpDom(page(), tmp);
        assertTrue(dom.contains("<title>convspark training report: lenet5</title>"), "the page was not rendered");
        for (String section : TrainingReport.SECTIONS) {
            assertTrue(Pattern.compile("<(section|div) [^>]*id=\"" + section + "\"").matcher(dom).find(), section);
        }
        assertEquals(2, count(element(dom, "svg", "loss"), "<polyline"));
        assertEquals(2, count(element(dom, "svg", "accuracy"), "<polyline"));
        assertEquals(12, count(element(dom, "svg", "throughput"), "class=\"bar\""));
        assertEquals(9, count(element(dom, "svg", "parameters"), "class=\"bar\""));
        assertTrue(count(element(dom, "svg", "receptive-fields"), "class=\"bar\"") >= 6);
        assertEquals(100, count(element(dom, "table", "confusion"), "<td style="));
        assertTrue(dom.contains("spark.serializer"));
        assertTrue(dom.contains("cosine:0.0"));
    }

    @Test
    void aScreenshotIsA1280By2400Png() throws Exception {
        Path png = tmp.resolve("report.png");
        browser().screenshot(page(), png, 1280, 2400, tmp);
        assertTrue(Files.size(png) > 50_000, "a blank page compresses to a few KB; this one has " + Files.size(png));
        try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
            byte[] magic = new byte[8];
            data.readFully(magic);
            assertArrayEquals(PNG_MAGIC, magic);
            data.readInt();
            byte[] chunk = new byte[4];
            data.readFully(chunk);
            assertEquals("IHDR", new String(chunk, java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(1280, data.readInt());
            assertEquals(2400, data.readInt());
        }
    }

    private static int count(String text, String part) {
        return TrainingReportTest.count(text, part);
    }
}
