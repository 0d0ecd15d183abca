package org.convspark.ml;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns a classifier appends, in Spark's order: {@code rawPredictionCol} (vector of logits),
 * {@code probabilityCol} (vector), {@code predictionCol} (double class index). An empty name
 * leaves that column out, as in Spark. With a known number of classes they carry Spark's ML
 * attribute metadata (vector size; nominal prediction with that many values).
 */
record OutputColumns(String raw, String probability, String prediction) implements Serializable {

    boolean any() {
        return !raw.isEmpty() || !probability.isEmpty() || !prediction.isEmpty();
    }

    int count() {
        return (raw.isEmpty() ? 0 : 1) + (probability.isEmpty() ? 0 : 1) + (prediction.isEmpty() ? 0 : 1);
    }

    /** {@code schema} with the output columns appended; {@code numClasses} &lt; 0 when unknown. */
    StructType appendTo(StructType schema, int numClasses) {
        StructType out = schema;
        if (!raw.isEmpty()) {
            out = append(out, "rawPredictionCol", numClasses < 0 ? new AttributeGroup(raw).toStructField()
                    : new AttributeGroup(raw, numClasses).toStructField());
        }
        if (!probability.isEmpty()) {
            out = append(out, "probabilityCol", numClasses < 0 ? new AttributeGroup(probability).toStructField()
                    : new AttributeGroup(probability, numClasses).toStructField());
        }
        if (!prediction.isEmpty()) {
            NominalAttribute attribute = NominalAttribute.defaultAttr().withName(prediction);
            out = append(out, "predictionCol", (numClasses < 0 ? attribute : attribute.withNumValues(numClasses))
                    .toStructField());
        }
        return out;
    }

    private static StructType append(StructType schema, String param, StructField field) {
        if (List.of(schema.fieldNames()).contains(field.name())) {
            throw new IllegalArgumentException(param + " '" + field.name() + "': the input already has a column of "
                    + "that name; choose another " + param);
        }
        return schema.add(field);
    }
}
