package org.convspark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassScoresTest {
    @Test
    void softmaxMatchesTheDefinitionAndSurvivesHugeScores() {
        double[] z = {1, 2, 3};
        ClassScores.softmaxInPlace(z);
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new double[] {Math.exp(1) / sum, Math.exp(2) / sum, Math.exp(3) / sum}, z, 1e-15);
        double[] huge = {1000, 1000, -1000};
        ClassScores.softmaxInPlace(huge);
        assertArrayEquals(new double[] {0.5, 0.5, 0}, huge, 0);
    }

    @Test
    void withoutThresholdsTheLargestProbabilityWinsTheFirstOnTies() {
        assertEquals(1, ClassScores.prediction(new double[] {0.2, 0.5, 0.3}, null));
        assertEquals(0, ClassScores.prediction(new double[] {0.4, 0.4, 0.2}, null));
    }

    @Test
    void thresholdsDivideTheProbabilities() {
        double[] p = {0.2, 0.5, 0.3};
        assertEquals(2, ClassScores.prediction(p, new double[] {1, 1, 0.5}));
        assertEquals(0, ClassScores.prediction(p, new double[] {0.1, 1, 1}));
        // A zero threshold always wins, unless that class has probability 0 (0 / 0 is NaN).
        assertEquals(0, ClassScores.prediction(p, new double[] {0, 1, 1}));
        assertEquals(1, ClassScores.prediction(new double[] {0, 0.7, 0.3}, new double[] {0, 1, 1}));
    }
}
