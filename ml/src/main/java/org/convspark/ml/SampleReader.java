package org.convspark.ml;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.convspark.engine.UserInputException;
import org.convspark.engine.data.ImageDecoder;
import org.convspark.engine.data.ImageDecoder.DecodedImage;
import org.convspark.engine.data.ImagePixels;
import org.convspark.engine.io.InvalidFileException;
import org.convspark.engine.tensor.Shape;

/**
 * Reads one sample's pixels, in the model's input layout, from a row: either a {@code Vector}
 * column holding the flattened input ({@code C x H x W} row-major, as the model spec's input
 * shape says), a struct column of Spark's {@code image} data source, or a binary column of PNG or
 * JPEG files (the {@code content} of Spark's {@code binaryFile} source), decoded by {@link
 * ImageDecoder} after its header check; images are converted as {@link ImagePixels} describes
 * (never resized). The column is checked against the schema when the reader is made (on the
 * driver); the values are checked row by row on the executors, and every error is a {@link
 * UserInputException} naming the param, the column and, for images, the file (a binary column's
 * file is the row's {@code path} column when the frame has one, as {@code binaryFile}'s does).
 */
abstract class SampleReader implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The column of a file's path in the {@code binaryFile} source, used to name a file in errors. */
    static final String PATH = "path";

    final int column;
    final int[] shape;
    final int size;
    final String source;

    private SampleReader(int column, Shape shape, String source) {
        this.column = column;
        this.shape = shape.dims();
        this.size = shape.size();
        this.source = source;
    }

    /**
     * The reader of {@code imageCol} when it is not empty, else of {@code featuresCol}, for a model
     * whose input is {@code input}.
     */
    static SampleReader of(StructType schema, String imageCol, String featuresCol, Shape input, long maxImagePixels) {
        return imageCol.isEmpty() ? vectors(schema, featuresCol, input)
                : images(schema, imageCol, input, maxImagePixels);
    }

    /** Writes the sample of {@code row} into {@code into[offset .. offset + size)}. */
    abstract void read(Row row, float[] into, int offset);

    private static StructField field(StructType schema, String param, String name) {
        if (!List.of(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException(param + " '" + name + "': no such column; the columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        return schema.apply(name);
    }

    private static SampleReader vectors(StructType schema, String featuresCol, Shape input) {
        StructField field = field(schema, "featuresCol", featuresCol);
        DataType type = field.dataType();
        String source = "featuresCol '" + featuresCol + "'";
        if (!(type instanceof VectorUDT)) {
            throw new IllegalArgumentException(source + " must hold ml.linalg vectors, it is " + type.simpleString()
                    + (isImage(type) ? " (image structs are read through imageCol: setImageCol(\"" + featuresCol
                    + "\"))" : ""));
        }
        int declared = AttributeGroup.fromStructField(field).size();
        if (declared >= 0 && declared != input.size()) {
            throw new IllegalArgumentException(source + " holds vectors of " + declared + " values (its metadata says "
                    + "so) but the model's input " + input + " takes " + input.size() + " (set inputShape or modelSpec)");
        }
        return new VectorReader(schema.fieldIndex(featuresCol), input, source);
    }

    private static SampleReader images(StructType schema, String imageCol, Shape input, long maxImagePixels) {
        StructField field = field(schema, "imageCol", imageCol);
        String source = "imageCol '" + imageCol + "'";
        boolean encoded = field.dataType() instanceof BinaryType;
        if (!encoded && !isImage(field.dataType())) {
            throw new IllegalArgumentException(source + " must be a struct of Spark's image data source ("
                    + ImageSchema.columnSchema().simpleString() + ") or binary (PNG or JPEG files, as the content "
                    + "column of the binaryFile source), it is " + field.dataType().simpleString());
        }
        if (input.rank() != 3 || !ImagePixels.supports(input.dim(0))) {
            throw new IllegalArgumentException(source + ": images need a model whose input is [1 or 3 channels, "
                    + "height, width]; this model takes " + input);
        }
        if (encoded) {
            ImageDecoder decoder = new ImageDecoder(maxImagePixels, "param maxImagePixels");
            if ((long) input.dim(1) * input.dim(2) > maxImagePixels) {
                throw new IllegalArgumentException(source + ": the model takes images of " + input.dim(1) + "x"
                        + input.dim(2) + ", above maxImagePixels " + maxImagePixels);
            }
            boolean hasPath = List.of(schema.fieldNames()).contains(PATH)
                    && schema.apply(PATH).dataType() instanceof StringType;
            return new EncodedImageReader(schema.fieldIndex(imageCol), hasPath ? schema.fieldIndex(PATH) : -1, input,
                    source, decoder);
        }
        return new ImageReader(schema.fieldIndex(imageCol), (StructType) field.dataType(), input, source);
    }

    /** A struct with the image source's fields (by name and type; their order and nullability may differ). */
    static boolean isImage(DataType type) {
        if (!(type instanceof StructType struct)) {
            return false;
        }
        for (StructField expected : ImageSchema.columnSchema().fields()) {
            if (!List.of(struct.fieldNames()).contains(expected.name())
                    || !struct.apply(expected.name()).dataType().equals(expected.dataType())) {
                return false;
            }
        }
        return true;
    }

    /** Decodes PNG and JPEG bytes, refusing from the header what is too large or not the model's size. */
    private static final class EncodedImageReader extends SampleReader {
        private static final long serialVersionUID = 1L;
        private final int path;
        private final ImageDecoder decoder;

        EncodedImageReader(int column, int path, Shape shape, String source, ImageDecoder decoder) {
            super(column, shape, source);
            this.path = path;
            this.decoder = decoder;
        }

        @Override
        void read(Row row, float[] into, int offset) {
            if (row.isNullAt(column)) {
                throw new UserInputException(source + ": a row has no image (null)");
            }
            String file = path >= 0 && !row.isNullAt(path) ? row.getString(path) : "an image";
            DecodedImage image;
            try {
                image = decoder.decode(file, (byte[]) row.get(column), shape[1], shape[2]);
            } catch (InvalidFileException e) {
                throw new UserInputException(source + ": " + e.getMessage(), e);
            }
            float[] planes = ImagePixels.toPlanes(image.data(), shape[1], shape[2], image.channels(), shape[0]);
            System.arraycopy(planes, 0, into, offset, size);
        }
    }

    private static final class VectorReader extends SampleReader {
        private static final long serialVersionUID = 1L;

        VectorReader(int column, Shape shape, String source) {
            super(column, shape, source);
        }

        @Override
        void read(Row row, float[] into, int offset) {
            if (row.isNullAt(column)) {
                throw new UserInputException(source + ": a row has no vector (null)");
            }
            Vector v = row.getAs(column);
            if (v.size() != size) {
                throw new UserInputException(source + ": a vector of " + v.size() + " values, the model's input "
                        + Shape.of(shape) + " takes " + size + " (set inputShape or modelSpec)");
            }
            for (int i = 0; i < size; i++) {
                double value = v.apply(i);
                if (!Double.isFinite(value)) {
                    throw new UserInputException(source + ": a vector has the non-finite value " + value
                            + " at index " + i);
                }
                into[offset + i] = (float) value;
            }
        }
    }

    private static final class ImageReader extends SampleReader {
        private static final long serialVersionUID = 1L;
        private final int origin;
        private final int height;
        private final int width;
        private final int channels;
        private final int data;

        ImageReader(int column, StructType struct, Shape shape, String source) {
            super(column, shape, source);
            this.origin = struct.fieldIndex("origin");
            this.height = struct.fieldIndex("height");
            this.width = struct.fieldIndex("width");
            this.channels = struct.fieldIndex("nChannels");
            this.data = struct.fieldIndex("data");
        }

        @Override
        void read(Row row, float[] into, int offset) {
            if (row.isNullAt(column)) {
                throw new UserInputException(source + ": a row has no image (null)");
            }
            Row image = row.getStruct(column);
            String file = image.isNullAt(origin) ? "an image" : image.getString(origin);
            int h = image.getInt(height);
            int w = image.getInt(width);
            int c = image.getInt(channels);
            if (h != shape[1] || w != shape[2]) {
                throw new UserInputException(source + ": " + file + " is " + h + "x" + w + " (height x width), "
                        + "the model takes " + shape[1] + "x" + shape[2] + "; images are not resized (read the image "
                        + "source with dropInvalid=true to skip undecodable files)");
            }
            if (c != 1 && c != 3 && c != 4) {
                throw new UserInputException(source + ": " + file + " has " + c + " channels; gray (1), BGR (3) "
                        + "and BGRA (4) images are read");
            }
            float[] planes;
            try {
                planes = ImagePixels.toPlanes((byte[]) image.get(data), h, w, c, shape[0]);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(source + ": " + file + ": " + e.getMessage(), e);
            }
            System.arraycopy(planes, 0, into, offset, size);
        }
    }
}
