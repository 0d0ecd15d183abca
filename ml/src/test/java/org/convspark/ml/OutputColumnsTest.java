package org.convspark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class OutputColumnsTest {
    private static final StructType INPUT = new StructType().add("features", new VectorUDT());

    @Test
    void columnsComeInSparksOrderWithTheirMetadata() {
        StructType out = new OutputColumns("raw", "p", "y").appendTo(INPUT, 4);
        assertEquals(List.of("features", "raw", "p", "y"), List.of(out.fieldNames()));
        assertTrue(out.apply("raw").dataType() instanceof VectorUDT);
        assertEquals(4, AttributeGroup.fromStructField(out.apply("raw")).size());
        assertEquals(4, AttributeGroup.fromStructField(out.apply("p")).size());
        assertEquals(DataTypes.DoubleType, out.apply("y").dataType());
        assertEquals(4, ((NominalAttribute) NominalAttribute.fromStructField(out.apply("y"))).getNumValues().get());
    }

    @Test
    void anUnknownClassCountLeavesSizesOut() {
        StructType out = new OutputColumns("raw", "p", "y").appendTo(INPUT, -1);
        assertEquals(-1, AttributeGroup.fromStructField(out.apply("p")).size());
        assertFalse(((NominalAttribute) NominalAttribute.fromStructField(out.apply("y"))).getNumValues().isDefined());
    }

    @Test
    void emptyNamesAreLeftOut() {
        OutputColumns onlyPrediction = new OutputColumns("", "", "y");
        assertEquals(1, onlyPrediction.count());
        assertEquals(List.of("features", "y"), List.of(onlyPrediction.appendTo(INPUT, 2).fieldNames()));
        assertFalse(new OutputColumns("", "", "").any());
    }

    @Test
    void anExistingColumnIsNotOverwritten() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OutputColumns("features", "p", "y").appendTo(INPUT, 2));
        assertEquals("rawPredictionCol 'features': the input already has a column of that name; choose another "
                + "rawPredictionCol", e.getMessage());
    }
}
