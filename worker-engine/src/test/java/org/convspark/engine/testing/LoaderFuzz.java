package org.convspark.engine.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.SplittableRandom;
import org.convspark.engine.UserInputException;
import org.opentest4j.AssertionFailedError;

/**
 * Runs a loader over many damaged inputs and holds it to the project's contract: each either
 * loads, or is refused with a {@link UserInputException} whose message is one line naming the
 * file; no other exception, no hang (each case has a generous time limit), no
 * {@link OutOfMemoryError} (the loaders' caps must keep a damaged header from allocating).
 *
 * <p>Case {@code i} draws everything from {@code seed + i * STRIDE}; the run's seed is
 * {@code -Dfuzz.seed} (default fixed, so CI is reproducible) and a failure prints the seed, the
 * case and the mutation. {@code -Dfuzz.cases} overrides the number of cases for longer runs.
 */
public final class LoaderFuzz {
    /** The default seed: fixed, so a CI failure reproduces on any machine. */
    public static final long DEFAULT_SEED = 20_240_611L;
    private static final long STRIDE = 0x9E3779B97F4A7C15L;
    private static final Duration PER_CASE = Duration.ofSeconds(20);

    /** What a case loads, what was done to it, and the name its error must mention. */
    public record Attempt(String description, String mustMention, Loader loader) {
    }

    @FunctionalInterface
    public interface Loader {
        void load() throws Exception;
    }

    /** Builds one case from its random stream (damaging a copy of a valid input). */
    @FunctionalInterface
    public interface Generator {
        Attempt next(SplittableRandom random) throws Exception;
    }

    /** How a run went: cases that loaded (harmless damage) and cases refused with the project's error. */
    public record Outcome(String subject, long seed, int loaded, int refused) {
        public int cases() {
            return loaded + refused;
        }

        @Override
        public String toString() {
            return subject + ": " + cases() + " mutations (seed " + seed + "): " + refused + " refused with a "
                    + "one-line UserInputException naming the file, " + loaded + " harmless (loaded)";
        }
    }

    private LoaderFuzz() {
    }

    /** Runs {@code defaultCases} cases (or {@code -Dfuzz.cases}) and returns the counts; fails on the first breach. */
    public static Outcome run(String subject, int defaultCases, Generator generator) {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int cases = Integer.getInteger("fuzz.cases", defaultCases);
        int loaded = 0;
        int refused = 0;
        for (int i = 0; i < cases; i++) {
            Attempt attempt;
            try {
                attempt = generator.next(new SplittableRandom(seed + i * STRIDE));
            } catch (Exception e) {
                throw new IllegalStateException(subject + ": building case " + i + " failed (seed " + seed + ")", e);
            }
            String where = subject + " case " + i + " (-Dfuzz.seed=" + seed + "): " + attempt.description();
            Throwable thrown = null;
            try {
                assertTimeoutPreemptively(PER_CASE, attempt.loader()::load, () -> where + ": no answer within "
                        + PER_CASE.toSeconds() + " s");
            } catch (AssertionFailedError e) {
                // A timeout, or a check of the loader's own failing: either way, name the case.
                throw e.getMessage() != null && e.getMessage().startsWith(where) ? e
                        : new AssertionFailedError(where + ": " + e.getMessage(), e);
            } catch (Throwable t) {
                thrown = t;
            }
            if (thrown == null) {
                loaded++;
                continue;
            }
            if (!(thrown instanceof UserInputException)) {
                throw new AssertionFailedError(where + ": threw " + thrown + ", not a UserInputException", thrown);
            }
            String message = thrown.getMessage();
            if (message == null || message.isBlank() || message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0) {
                fail(where + ": the message is not one line: " + message);
            }
            if (!message.contains(attempt.mustMention())) {
                fail(where + ": the message does not name " + attempt.mustMention() + ": " + message);
            }
            refused++;
        }
        Outcome outcome = new Outcome(subject, seed, loaded, refused);
        System.out.println(outcome);
        return outcome;
    }
}
