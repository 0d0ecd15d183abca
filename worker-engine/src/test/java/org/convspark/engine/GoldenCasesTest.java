package org.convspark.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.convspark.engine.golden.GoldenCase;
import org.convspark.engine.golden.GoldenCheck;
import org.junit.jupiter.api.Test;

/**
 * Every golden case (PyTorch's figures, test resources {@code golden/}) and, when the system
 * property {@code golden.dir} names a directory, every {@code *.json} in it: forward output and
 * every gradient within {@code 1e-4 + 1e-4 |b|}. All cases run; a failure lists each failing case
 * with the largest error of each failing tensor.
 */
class GoldenCasesTest {
    /** The bundled cases; a lower count means files went missing from the resources. */
    private static final int BUNDLED_CASES = 116;

    @Test
    void everyGoldenCaseMatchesPyTorch() throws IOException, URISyntaxException {
        List<Path> bundled = jsonFiles(bundledDirectory());
        assertTrue(bundled.size() >= BUNDLED_CASES,
                "expected at least " + BUNDLED_CASES + " bundled golden cases, found " + bundled.size());
        List<Path> cases = new ArrayList<>(bundled);
        cases.addAll(extraCases());
        List<String> failures = new ArrayList<>();
        for (Path file : cases) {
            List<String> problems;
            try {
                problems = GoldenCheck.mismatches(GoldenCase.read(file));
            } catch (IOException | RuntimeException e) {
                problems = List.of("could not run: " + e);
            }
            if (!problems.isEmpty()) {
                failures.add(file + "\n    " + String.join("\n    ", problems));
            }
        }
        System.out.println("GoldenCasesTest: " + (cases.size() - failures.size()) + " of " + cases.size()
                + " golden cases pass");
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " golden cases fail:\n" + String.join("\n", failures));
        }
    }

    @Test
    void aCorruptedCaseIsReportedWithItsLargestError() throws IOException, URISyntaxException {
        Path file = bundledDirectory().resolve("conv2d_000.json");
        String text = Files.readString(file);
        // Moves the first output value (after the "output" key) far off.
        int at = text.indexOf("\"data\": [", text.indexOf("\"output\"")) + "\"data\": [".length();
        String corrupted = text.substring(0, at) + "1000.0, " + text.substring(text.indexOf(',', at) + 2);
        List<String> problems = GoldenCheck.mismatches(GoldenCase.parse("corrupted", corrupted));
        assertFalse(problems.isEmpty(), "a corrupted output passed");
        assertTrue(problems.get(0).startsWith("output: largest error"), problems.toString());
        assertTrue(problems.get(0).contains("at flat index 0"), problems.toString());
    }

    private static Path bundledDirectory() throws URISyntaxException {
        URL url = GoldenCasesTest.class.getResource("/golden");
        if (url == null || !url.getProtocol().equals("file")) {
            throw new IllegalStateException("golden cases must be a test-resource directory, found " + url);
        }
        return Path.of(url.toURI());
    }

    /**
     * {@code *.json} files of {@code -Dgolden.dir}; a relative path is taken from the directory
     * Maven was started in ({@code golden.root}), not from the module directory Surefire runs in.
     */
    private static List<Path> extraCases() throws IOException {
        String dir = System.getProperty("golden.dir", "").trim();
        if (dir.isEmpty()) {
            return List.of();
        }
        Path path = Path.of(dir);
        String root = System.getProperty("golden.root", "").trim();
        if (!path.isAbsolute() && !root.isEmpty()) {
            path = Path.of(root).resolve(path);
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("-Dgolden.dir=" + dir + ": " + path + " is not a directory");
        }
        List<Path> files = jsonFiles(path);
        System.out.println("GoldenCasesTest: " + files.size() + " extra cases from " + path);
        return files;
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }
}
