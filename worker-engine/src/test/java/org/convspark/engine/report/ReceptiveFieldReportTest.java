package org.convspark.engine.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.spec.ModelZoo;
import org.convspark.engine.model.TestSpecs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed values of r_out = r_in + (k-1)d j_in, j_out = j_in s,
 * start_out = start_in + ((k-1)d/2 - p) j_in, from r = 1, j = 1, start = 0.
 */
class ReceptiveFieldReportTest {

    private static ReceptiveFieldReport report(String input, String layers) {
        return ReceptiveFieldReport.of(ModelSpecJson.parse("{\"input\": " + input + ", \"layers\": [" + layers + "]}",
                "rf.json"));
    }

    private static void assertField(ReceptiveFieldReport.Row row, long[] r, long[] j, double[] start) {
        assertArrayEquals(r, row.receptiveField(), "r at layer " + row.index());
        assertArrayEquals(j, row.jump(), "j at layer " + row.index());
        assertArrayEquals(start, row.start(), "start at layer " + row.index());
    }

    /** Two 1-D convs k3 (r 3 then 5, start 1 then 2); each case changes one parameter. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // change                   | first conv extra fields | second conv extra fields | r1 | j1 | start1 | r2 | j2 | start2
        "baseline                   |                         |                          | 3  | 1  | 1      | 5  | 1  | 2",
        "dilation 2 on the second   |                         | , \"dilation\": 2       | 3  | 1  | 1      | 7  | 1  | 3",
        "dilation 3 on the first    | , \"dilation\": 3      |                          | 7  | 1  | 3      | 9  | 1  | 4",
        "stride 2 on the first      | , \"stride\": 2        |                          | 3  | 2  | 1      | 7  | 2  | 3",
        "stride 3 on the second     |                         | , \"stride\": 3         | 3  | 1  | 1      | 5  | 3  | 2",
        "padding 1 on the first     | , \"padding\": 1       |                          | 3  | 1  | 0      | 5  | 1  | 1",
        "padding 2 on the second    |                         | , \"padding\": 2        | 3  | 1  | 1      | 5  | 1  | 0",
        "stride 2 then padding 1    | , \"stride\": 2        | , \"padding\": 1        | 3  | 2  | 1      | 7  | 2  | 1",
        "stride 2 then dilation 2   | , \"stride\": 2        | , \"dilation\": 2       | 3  | 2  | 1      | 11 | 2  | 5",
    })
    void oneDimensionalChanges(String change, String first, String second, long r1, long j1, double start1,
            long r2, long j2, double start2) {
        ReceptiveFieldReport rf = report("[1, 40]",
                "{\"type\": \"conv\", \"out_channels\": 1, \"kernel\": 3" + (first == null ? "" : first) + "},"
                + "{\"type\": \"conv\", \"out_channels\": 1, \"kernel\": 3" + (second == null ? "" : second) + "}");
        assertField(rf.rows().get(0), new long[] {r1}, new long[] {j1}, new double[] {start1});
        assertField(rf.rows().get(1), new long[] {r2}, new long[] {j2}, new double[] {start2});
    }

    @Test
    void oneDimensionalChainThroughEveryLayerKind() {
        ReceptiveFieldReport rf = report("[1, 32]",
                "{\"type\": \"conv\", \"out_channels\": 2, \"kernel\": 3, \"dilation\": 2, \"padding\": 1},"
                + "{\"type\": \"relu\"},"
                + "{\"type\": \"conv\", \"out_channels\": 2, \"kernel\": 3, \"stride\": 2},"
                + "{\"type\": \"maxpool\", \"kernel\": 2},"
                + "{\"type\": \"conv\", \"out_channels\": 2, \"kernel\": 4, \"padding\": \"same\"},"
                + "{\"type\": \"dropout\"},"
                + "{\"type\": \"avgpool\", \"kernel\": 3, \"stride\": 1, \"padding\": 1},"
                + "{\"type\": \"globalavgpool\"}, {\"type\": \"linear\", \"out_features\": 3}");
        // r: 1+2*2=5; relu; 5+2=7 (j 2); 7+1*2=9 (j 4); 9+3*4=21; dropout; 21+2*4=29.
        // start: 0+(2-1)=1; relu; 1+1=2; 2+0.5*2=3; "same" k4 pads 1 before: 3+(1.5-1)*4=5; 5+(1-1)*4=5.
        assertField(rf.rows().get(0), new long[] {5}, new long[] {1}, new double[] {1});
        assertField(rf.rows().get(1), new long[] {5}, new long[] {1}, new double[] {1});
        assertField(rf.rows().get(2), new long[] {7}, new long[] {2}, new double[] {2});
        assertField(rf.rows().get(3), new long[] {9}, new long[] {4}, new double[] {3});
        assertField(rf.rows().get(4), new long[] {21}, new long[] {4}, new double[] {5});
        assertField(rf.rows().get(5), new long[] {21}, new long[] {4}, new double[] {5});
        assertField(rf.rows().get(6), new long[] {29}, new long[] {4}, new double[] {5});
        assertFalse(rf.rows().get(7).defined(), "global pooling sees the whole input");
        assertNull(rf.rows().get(8).receptiveField());
        assertNull(rf.rows().get(8).jump());
        assertNull(rf.rows().get(8).start());
    }

    @Test
    void twoDimensionalFieldsDifferPerDimension() {
        ReceptiveFieldReport rf = report("[1, 16, 20]",
                "{\"type\": \"conv\", \"out_channels\": 2, \"kernel\": [3, 5], \"stride\": [2, 1], \"padding\": [1, 0],"
                + " \"dilation\": [1, 2]},"
                + "{\"type\": \"maxpool\", \"kernel\": [2, 3], \"padding\": [0, 1]}");
        // dim 0: k3 p1 s2 -> r 3, start 0, j 2; pool k2 s2 -> r 3+1*2=5, start 0+0.5*2=1, j 4.
        // dim 1: k5 d2 -> r 1+4*2=9, start 4; pool k3 s3 p1 -> r 9+2=11, start 4+(1-1)=4, j 3.
        assertField(rf.rows().get(0), new long[] {3, 9}, new long[] {2, 1}, new double[] {0, 4});
        assertField(rf.rows().get(1), new long[] {5, 11}, new long[] {4, 3}, new double[] {1, 4});
    }

    @Test
    void threeDimensionalFields() {
        ReceptiveFieldReport rf = report("[2, 8, 8, 8]",
                "{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": [3, 3, 1], \"padding\": [1, 1, 0]},"
                + "{\"type\": \"maxpool\", \"kernel\": 2},"
                + "{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3, \"dilation\": [1, 1, 2], \"padding\": [0, 1, 2]},"
                + "{\"type\": \"flatten\"}");
        assertField(rf.rows().get(0), new long[] {3, 3, 1}, new long[] {1, 1, 1}, new double[] {0, 0, 0});
        assertField(rf.rows().get(1), new long[] {4, 4, 2}, new long[] {2, 2, 2}, new double[] {0.5, 0.5, 0.5});
        // r 4+2*2=8, 8, 2+4*2=10; start 0.5+(1-0)*2=2.5, 0.5+(1-1)*2=0.5, 0.5+(2-2)*2=0.5
        assertField(rf.rows().get(2), new long[] {8, 8, 10}, new long[] {2, 2, 2}, new double[] {2.5, 0.5, 0.5});
        assertFalse(rf.rows().get(3).defined());
    }

    @Test
    void aStrideOneTransposedConvolutionGrowsTheFieldAndAStridedOneMakesItVary() {
        ReceptiveFieldReport rf = report("[1, 16]",
                "{\"type\": \"conv\", \"out_channels\": 2, \"kernel\": 3, \"stride\": 2},"
                + "{\"type\": \"convtranspose\", \"out_channels\": 2, \"kernel\": 3, \"padding\": 1},"
                + "{\"type\": \"convtranspose\", \"out_channels\": 2, \"kernel\": 3, \"stride\": 2},"
                + "{\"type\": \"relu\"}");
        assertField(rf.rows().get(0), new long[] {3}, new long[] {2}, new double[] {1});
        // As a conv with padding (k - 1) d - p = 1: r 3 + 2 * 2 = 7, start 1 + (1 - 1) * 2 = 1.
        assertField(rf.rows().get(1), new long[] {7}, new long[] {2}, new double[] {1});
        assertFalse(rf.rows().get(2).defined());
        assertFalse(rf.rows().get(2).wholeInput());
        assertFalse(rf.rows().get(3).wholeInput());
        String table = rf.toTable();
        assertTrue(table.contains("varies") && table.contains("From layer 2 (convtranspose, stride > 1) on"), table);
    }

    @Test
    void alexNetSees195PixelsAtItsLastPool() {
        ReceptiveFieldReport rf = ReceptiveFieldReport.of(TestSpecs.load("alexnet"));
        ReceptiveFieldReport.Row lastPool = rf.rows().get(12);
        assertEquals("maxpool", lastPool.type());
        assertField(lastPool, new long[] {195, 195}, new long[] {32, 32}, new double[] {31, 31});
        assertFalse(rf.rows().get(13).defined());
    }

    @Test
    void vgg16Sees212PixelsAtItsLastPool() {
        ModelSpec vgg = TestSpecs.load("vgg16");
        ReceptiveFieldReport.Row lastPool = ReceptiveFieldReport.of(vgg).rows().get(30);
        assertEquals("maxpool", lastPool.type());
        assertField(lastPool, new long[] {212, 212}, new long[] {32, 32}, new double[] {15.5, 15.5});
    }

    @Test
    void tableMarksWhereFieldsBecomeTheWholeInput() {
        String table = ReceptiveFieldReport.of(ModelZoo.get("lenet5")).toTable();
        String[] lines = table.split("\n");
        assertEquals("layer  type     output    receptive field r  jump j  start", lines[1]);
        assertEquals("    3  conv     16x10x10  14x14              2x2     (4.5, 4.5)", lines[6]);
        assertEquals("    6  flatten  400       whole input        -       -", lines[9]);
        assertTrue(table.endsWith("From layer 6 (flatten) on, every unit sees the whole input.\n"), table);
    }

    @Test
    void resnet20IsAlignedAndReportsFieldsAndBlocks() {
        ModelSpec spec = ModelZoo.get("resnet20");
        ReceptiveFieldReport rf = ReceptiveFieldReport.of(spec);
        int add = -1;
        for (int i = 0; i < spec.layers().size(); i++) {
            if ("stage2.block1.add".equals(spec.nodeName(i))) {
                add = i;
            }
        }
        ReceptiveFieldReport.Row row = rf.rows().get(add);
        // The main path (stem 3, stage 1: 6 convs of 3 -> r 15, then 3x3 stride 2 and 3x3 at jump 2) reaches
        // r = 15 + 2 + 4 = 21; the 1x1 stride-2 shortcut 15; both at jump 2 with the same centre.
        assertField(row, new long[] {21, 21}, new long[] {2, 2}, new double[] {0, 0});
        assertTrue(rf.rows().stream().filter(r -> r.type().equals("add")).allMatch(ReceptiveFieldReport.Row::defined));
        String text = org.convspark.engine.report.ModelReport.of(spec).toText();
        assertTrue(text.contains("stage2.block1") && text.contains("Blocks of resnet20"), text);
        assertEquals("stage2.block1.out", rf.blockOutputs().get("stage2.block1").name());
        assertArrayEquals(new long[] {21, 21}, rf.blockOutputs().get("stage2.block1").receptiveField());
        assertTrue(rf.blockOutputs().get("head").wholeInput());
        assertTrue(text.contains("Receptive fields of resnet20's blocks"), text);
        assertTrue(org.convspark.engine.report.ParameterReport.of(spec).blocks().stream()
                .anyMatch(b -> b.name().equals("stage3") && b.params() == 205_696), text);
    }

    @Test
    void pathsWithDifferentJumpsMakeTheGraphNotAlignedThere() {
        // From 16x16: a 4x4 kernel at stride 4 and a 9x9 kernel at stride 2 both give 4x4, at jumps 4 and 2.
        ModelSpec spec = ModelSpecJson.parse("""
                {"name": "jumps", "input": [1, 16, 16], "layers": [
                  {"name": "a", "type": "conv", "out_channels": 2, "kernel": 4, "stride": 4},
                  {"name": "b", "type": "conv", "out_channels": 2, "kernel": 9, "stride": 2, "inputs": "input"},
                  {"name": "sum", "type": "add", "inputs": ["a", "b"]},
                  {"type": "flatten"}, {"type": "linear", "out_features": 2}]}""", "jumps.json");
        ReceptiveFieldReport rf = ReceptiveFieldReport.of(spec);
        assertField(rf.rows().get(0), new long[] {4, 4}, new long[] {4, 4}, new double[] {1.5, 1.5});
        assertField(rf.rows().get(1), new long[] {9, 9}, new long[] {2, 2}, new double[] {4, 4});
        assertEquals(ReceptiveFieldReport.Extent.NOT_ALIGNED, rf.rows().get(2).extent());
        assertTrue(rf.toTable().contains("The graph is not aligned at layer 2 (add, node \"sum\")"), rf.toTable());
    }

    @Test
    void pathsWithDifferentCentresMakeTheGraphNotAlignedThere() {
        ModelSpec spec = ModelSpecJson.parse("""
                {"name": "skewed", "input": [1, 9, 9], "layers": [
                  {"name": "a", "type": "conv", "out_channels": 2, "kernel": 3, "stride": 2, "padding": 1},
                  {"name": "b", "type": "conv", "out_channels": 2, "kernel": 2, "stride": 2, "padding": 1,
                   "inputs": "input"},
                  {"name": "sum", "type": "add", "inputs": ["a", "b"]},
                  {"type": "relu"},
                  {"type": "flatten"}, {"type": "linear", "out_features": 2}]}""", "skewed.json");
        ReceptiveFieldReport rf = ReceptiveFieldReport.of(spec);
        // Both 5x5 at jump 2, but centred at 0 (3x3, padding 1) and at -0.5 (2x2, padding 1).
        assertTrue(rf.rows().get(0).defined() && rf.rows().get(1).defined());
        assertEquals(ReceptiveFieldReport.Extent.NOT_ALIGNED, rf.rows().get(2).extent());
        assertEquals(ReceptiveFieldReport.Extent.NOT_ALIGNED, rf.rows().get(3).extent(), "and what it feeds");
        String table = rf.toTable();
        assertTrue(table.contains("not aligned") && table.contains("The graph is not aligned at layer 2 (add, node "
                + "\"sum\")"), table);
    }

    @Test
    void aPathThatSeesTheWholeInputMakesTheMergeSeeIt() {
        ModelSpec spec = ModelSpecJson.parse("""
                {"name": "mixed", "input": [1, 8, 8], "layers": [
                  {"name": "a", "type": "conv", "out_channels": 2, "kernel": 3, "padding": 1},
                  {"name": "g", "type": "globalavgpool"},
                  {"name": "m", "type": "maxpool", "kernel": 8, "inputs": "a"},
                  {"type": "flatten"},
                  {"type": "concat", "inputs": ["g", "flatten0"]},
                  {"type": "linear", "out_features": 2}]}""".replace("{\"type\": \"flatten\"}",
                "{\"name\": \"flatten0\", \"type\": \"flatten\"}"), "mixed.json");
        ReceptiveFieldReport rf = ReceptiveFieldReport.of(spec);
        assertTrue(rf.rows().get(2).defined(), "the max pooling still has its field");
        assertTrue(rf.rows().get(4).wholeInput(), "the concat sees the whole input");
        assertTrue(rf.toTable().contains("In layer 1 (globalavgpool) and the nodes it feeds, every unit sees the "
                + "whole input."), rf.toTable());
    }
}
