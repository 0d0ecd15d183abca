package org.convspark.jobs.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartScalesTest {
    @Test
    void niceStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertEquals(0.2, LinearScale.niceStep(0.19), 1e-12);
        assertEquals(2.5, LinearScale.niceStep(2.1), 1e-12);
        assertEquals(500, LinearScale.niceStep(430), 1e-12);
        assertEquals(1, LinearScale.niceStep(1), 1e-12);
        assertEquals(10, LinearScale.niceStep(5.5), 1e-12);
    }

    @Test
    void aNiceScaleWidensTheDomainToWholeTicks() {
        LinearScale s = LinearScale.nice(0, 0.97, 5, 300, 0);
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0), s.ticks());
        assertEquals(300, s.map(0), 1e-9);
        assertEquals(0, s.map(1), 1e-9);
        assertEquals(150, s.map(0.5), 1e-9);
        LinearScale flat = LinearScale.nice(3, 3, 5, 0, 100);
        assertEquals(true, flat.min() < 3 && flat.max() > 3);
        assertThrows(IllegalArgumentException.class, () -> LinearScale.nice(2, 1, 5, 0, 1));
    }

    @Test
    void anExactScaleKeepsItsDomainAndTicksTheMultiplesInside() {
        LinearScale s = LinearScale.exact(1, 12, 2, 0, 110);
        assertEquals(List.of(2.0, 4.0, 6.0, 8.0, 10.0, 12.0), s.ticks());
        assertEquals(0, s.map(1), 1e-9);
        assertEquals(110, s.map(12), 1e-9);
    }

    @Test
    void aLogScaleGivesEachDecadeTheSameWidth() {
        LogScale s = LogScale.covering(156, 3_692_640, 0, 500);
        assertEquals(List.of(100.0, 1000.0, 10_000.0, 100_000.0, 1_000_000.0, 10_000_000.0), s.ticks());
        assertEquals(0, s.map(100), 1e-9);
        assertEquals(100, s.map(1000), 1e-9);
        assertEquals(500, s.map(1e7), 1e-9);
        assertEquals(List.of(1.0, 10.0), LogScale.covering(5, 5, 0, 1).ticks().subList(0, 2));
        assertThrows(IllegalArgumentException.class, () -> LogScale.covering(0, 10, 0, 1));
    }

    @Test
    void numbersPrintTheWayTheReportShowsThem() {
        assertEquals("950", Format.compact(950));
        assertEquals("1.2k", Format.compact(1176));
        assertEquals("62k", Format.compact(61_706));
        assertEquals("3.7M", Format.compact(3_692_640));
        assertEquals("1,234,567", Format.grouped(1_234_567));
        assertEquals("97.65%", Format.percent(0.97654));
        assertEquals("–", Format.percent(Double.NaN));
        assertEquals("12.5", Format.attribute(12.5));
        assertEquals("12", Format.attribute(12.0));
        assertEquals("0", Format.attribute(-0.001));
        assertEquals("0.33", Format.attribute(1 / 3.0));
        assertEquals("42.0 s", Format.duration(42));
        assertEquals("3 min 05 s", Format.duration(185));
        assertEquals("1 h 02 min", Format.duration(3725));
        assertEquals("0.25", Format.tick(0.25, 0.05));
        assertEquals("90", Format.tick(90, 10));
    }
}
