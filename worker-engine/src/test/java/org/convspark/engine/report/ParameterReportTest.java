package org.convspark.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.Padding;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.spec.ModelZoo;
import org.convspark.engine.model.TestSpecs;
import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.Test;

class ParameterReportTest {

    @Test
    void lenet5HasSixtyOneThousandSevenHundredSixParameters() {
        ParameterReport report = ParameterReport.of(ModelZoo.get("lenet5"));
        assertEquals(61_706, report.totalParams());
        List<ParameterReport.Row> rows = report.rows();
        // conv 1*6*25+6, conv 6*16*25+16, linear 400*120+120, 120*84+84, 84*10+10
        long[] expected = {156, 0, 0, 2_416, 0, 0, 0, 48_120, 0, 10_164, 0, 850};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], rows.get(i).params(), "layer " + i);
        }
        assertEquals(Shape.of(6, 28, 28), rows.get(0).output());
        // conv0: 784 inputs x 4,704 outputs + 4,704 biases; locally: 4,704 x 25 + 4,704
        assertEquals(3_692_640L, rows.get(0).fullyConnectedParams());
        assertEquals(122_304L, rows.get(0).locallyConnectedParams());
        // conv3: 1,176 x 1,600 + 1,600; locally 1,600 x 6*25 + 1,600
        assertEquals(1_883_200L, rows.get(3).fullyConnectedParams());
        assertEquals(241_600L, rows.get(3).locallyConnectedParams());
        assertNull(rows.get(7).fullyConnectedParams());
        assertNull(rows.get(2).locallyConnectedParams());
        assertTrue(report.toTable().contains("61,706"), report.toTable());
    }

    @Test
    void theSeedsExampleFiveByFiveSameConvOn250x250() {
        ModelSpec spec = new ModelSpec("seed", Shape.of(1, 250, 250), List.of(
                new ConvSpec(1, ConvGeometry.builder(5, 5).padding(Padding.SAME).build(), false)));
        ParameterReport.Row row = ParameterReport.of(spec).rows().get(0);
        assertEquals(Shape.of(1, 250, 250), row.output());
        assertEquals(25, row.params());
        assertEquals(3_906_250_000L, row.fullyConnectedParams());
        assertEquals(1_562_500L, row.locallyConnectedParams());
        assertEquals(2L * 62_500 * 25, row.flops());
    }

    @Test
    void publishedTotalsOfAlexNetAndVgg16() {
        assertEquals(61_100_840, ParameterReport.of(TestSpecs.load("alexnet")).totalParams());
        ParameterReport vgg = ParameterReport.of(TestSpecs.load("vgg16"));
        assertEquals(138_357_544, vgg.totalParams());
        // Its first conv without weight sharing: 150,528 x 3,211,264 weights plus 3,211,264 biases (> 2^31).
        assertEquals(483_388_358_656L, vgg.rows().get(0).fullyConnectedParams());
        assertEquals(3_211_264L * 27 + 3_211_264L, vgg.rows().get(0).locallyConnectedParams());
    }

    @Test
    void groupsDivideTheWeightsPerOutput() {
        ModelSpec spec = ModelSpecJson.parse("{\"input\": [4, 6], \"layers\": ["
                + "{\"type\": \"conv\", \"out_channels\": 6, \"kernel\": 3, \"groups\": 2, \"bias\": false}]}", "g.json");
        ParameterReport.Row row = ParameterReport.of(spec).rows().get(0);
        assertEquals(6 * 2 * 3, row.params());
        assertEquals(24L * 24, row.fullyConnectedParams());
        assertEquals(24L * 2 * 3, row.locallyConnectedParams());
        assertEquals(2L * 24 * 2 * 3, row.flops());
    }

    @Test
    void flopsAndActivationsFollowTheDocumentedConvention() {
        ModelSpec spec = ModelSpecJson.parse("{\"input\": [2, 8, 8], \"layers\": ["
                + "{\"type\": \"conv\", \"out_channels\": 3, \"kernel\": 3, \"padding\": 1},"
                + "{\"type\": \"tanh\"}, {\"type\": \"avgpool\", \"kernel\": 2},"
                + "{\"type\": \"maxpool\", \"kernel\": 3, \"stride\": 1, \"padding\": 1},"
                + "{\"type\": \"globalavgpool\"}, {\"type\": \"dropout\", \"p\": 0.1},"
                + "{\"type\": \"linear\", \"out_features\": 5}]}", "f.json");
        ParameterReport report = ParameterReport.of(spec);
        long[] flops = {2L * 3 * 64 * 2 * 9, 192, 48 * 4, 48 * 9, 48, 0, 2 * 3 * 5};
        long[] activations = {192, 192, 48, 48, 3, 3, 5};
        for (int i = 0; i < flops.length; i++) {
            assertEquals(flops[i], report.rows().get(i).flops(), "flops of layer " + i);
            assertEquals(activations[i], report.rows().get(i).activations(), "activations of layer " + i);
        }
        assertEquals(java.util.Arrays.stream(flops).sum(), report.totalFlops());
        assertEquals(java.util.Arrays.stream(activations).sum(), report.totalActivations());
        assertEquals(3 * 2 * 9 + 3 + 3 * 5 + 5, report.totalParams());
    }

    @Test
    void tableIsAlignedWithATotalsLine() {
        String table = ParameterReport.of(ModelZoo.get("lenet5")).toTable();
        String[] lines = table.split("\n");
        assertTrue(lines[0].startsWith("Parameters of lenet5 (input 1x28x28"), lines[0]);
        assertEquals("layer  type     output    params  fully-connected  locally-connected    flops  activations",
                lines[1]);
        assertEquals("    0  conv     6x28x28      156        3,692,640            122,304  235,200        4,704",
                lines[3]);
        assertEquals("    7  linear   120       48,120                -                  -   96,000          120",
                lines[10]);
        assertEquals("       total              61,706                                      845,852       15,002",
                lines[lines.length - 1]);
    }

    @Test
    void batchNormCountsItsScalesAndShiftsAsParametersAndItsRunningStatisticsApart() {
        ModelSpec spec = ModelSpecJson.parse("{\"name\": \"bn\", \"input\": [3, 8, 8], \"layers\": [{\"type\": \"conv\", "
                + "\"out_channels\": 16, \"kernel\": 3, \"bias\": false}, {\"type\": \"batchnorm\"}, {\"type\": "
                + "\"batchnorm\", \"affine\": false}, {\"type\": \"flatten\"}, {\"type\": \"linear\", \"out_features\": 2}]}",
                "bn.json");
        ParameterReport report = ParameterReport.of(spec);
        // PyTorch: conv 16*3*9 = 432, BatchNorm2d(16) 32 trainable (+ 32 buffers), affine=False 0 (+ 32).
        assertEquals(32, report.rows().get(1).params());
        assertEquals(0, report.rows().get(2).params());
        assertEquals(432 + 32 + 16 * 36 * 2 + 2, report.totalParams());
        assertEquals(64, report.totalState());
        assertEquals(report.totalParams() + 64, spec.parameterCount());
        assertTrue(report.toTable().contains("Also 64 running statistics"), report.toTable());
        assertEquals(report.totalParams() + " parameters, 64 running statistics", spec.sizeText());
    }
}
