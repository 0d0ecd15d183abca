package org.convspark.jobs;

import java.util.Arrays;
import org.convspark.engine.data.ImageDecoder;
import org.convspark.engine.tensor.Shape;
import org.convspark.jobs.data.DataFormat;
import org.convspark.jobs.data.DataRequest;
import org.convspark.jobs.data.DataRole;
import org.convspark.jobs.data.ParquetReader;
import picocli.CommandLine.Option;

/** The options that say how to read data, shared by train, evaluate and predict (a picocli mixin). */
final class DataOptions {
    @Option(names = "--format", paramLabel = "idx|cifar10|images|parquet",
            description = "Data format; default: inferred from the path (see README, 'Data formats').")
    String format;

    @Option(names = "--features-column", paramLabel = "NAME", defaultValue = ParquetReader.Columns.DEFAULT_FEATURES,
            description = "Parquet: the vector or array<float|double> column (default: ${DEFAULT-VALUE}).")
    String featuresColumn;

    @Option(names = "--label-column", paramLabel = "NAME", defaultValue = ParquetReader.Columns.DEFAULT_LABEL,
            description = "Parquet: the label column, whole numbers from 0 (default: ${DEFAULT-VALUE}).")
    String labelColumn;

    @Option(names = "--id-column", paramLabel = "NAME",
            description = "Parquet: a column identifying rows in predictions (default: 'id' if the table has it, "
                    + "else the row number).")
    String idColumn;

    @Option(names = "--input-shape", paramLabel = "C,H,W",
            description = "The per-sample input shape: a zoo model's input (train), and the shape Parquet features "
                    + "are read in, when it is not the model's input shape as stated (checked against both).")
    String inputShape;

    @Option(names = DataRequest.MAX_IMAGE_PIXELS, paramLabel = "N",
            description = "Image folders: refuse a PNG or JPEG whose header claims more than N pixels (height x "
                    + "width), before decoding it (default: 16777216, 4096x4096).")
    long maxImagePixels = ImageDecoder.DEFAULT_MAX_PIXELS;

    /** The request for {@code path} in {@code role}; a bad option value is an error naming the option. */
    DataRequest request(String path, DataRole role) {
        DataFormat parsed = null;
        if (format != null) {
            try {
                parsed = DataFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw new UserError("--format: " + e.getMessage());
            }
        }
        ImageDecoder images;
        try {
            images = new ImageDecoder(maxImagePixels, DataRequest.MAX_IMAGE_PIXELS);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        return new DataRequest(path, parsed, role,
                new ParquetReader.Columns(featuresColumn, labelColumn, idColumn, shape()), images);
    }

    /** The {@code --input-shape} given, or null. */
    Shape inputShape() {
        return shape();
    }

    private Shape shape() {
        if (inputShape == null) {
            return null;
        }
        try {
            int[] dims = Arrays.stream(inputShape.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (dims.length < 2 || dims.length > 4 || Arrays.stream(dims).anyMatch(d -> d < 1)) {
                throw new NumberFormatException();
            }
            return Shape.of(dims);
        } catch (NumberFormatException e) {
            throw new UserError("--input-shape " + inputShape + ": expected C,H,W (or C,L or C,D,H,W), positive "
                    + "integers separated by commas");
        }
    }
}
