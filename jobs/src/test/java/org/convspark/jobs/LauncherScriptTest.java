package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** bin/convspark must pass the JVM exactly the flags the parent pom lists in java17.opens. */
class LauncherScriptTest {
    /** Surefire runs in the module directory, jobs/. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void launcherFlagsMatchThePomProperty() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher property = Pattern.compile("<java17.opens>(.*?)</java17.opens>", Pattern.DOTALL).matcher(pom);
        assertTrue(property.find(), "java17.opens in pom.xml");
        List<String> expected = Arrays.asList(property.group(1).trim().split("\\s+"));

        String script = Files.readString(ROOT.resolve("bin/convspark"));
        Matcher array = Pattern.compile("java17_opens=\\((.*?)\\)", Pattern.DOTALL).matcher(script);
        assertTrue(array.find(), "java17_opens=( ... ) in bin/convspark");
        assertEquals(expected, Arrays.asList(array.group(1).trim().split("\\s+")));
        assertTrue(script.contains("\"${java17_opens[@]}\""), "the flags are passed to java");
        assertTrue(script.contains("jobs/target/convspark.jar"), "the launcher runs the shaded jar");
    }
}
