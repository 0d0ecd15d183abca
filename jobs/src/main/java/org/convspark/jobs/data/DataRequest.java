package org.convspark.jobs.data;

import org.convspark.engine.data.ImageDecoder;

/**
 * What the command line asked for: a path (null for the embedded MNIST subset), a format (null:
 * inferred), the split a directory stands for, the Parquet columns and the decoder of PNG and JPEG
 * files (its pixel limit).
 */
public record DataRequest(String path, DataFormat format, DataRole role, ParquetReader.Columns columns,
                          ImageDecoder images) {
    /** The option that sets the decoder's pixel limit, as its errors name it. */
    public static final String MAX_IMAGE_PIXELS = "--max-image-pixels";

    public static DataRequest embedded(DataRole role) {
        return new DataRequest(null, null, role, ParquetReader.Columns.defaults(), defaultImages());
    }

    /** The decoder with the default limit ({@link ImageDecoder#DEFAULT_MAX_PIXELS}). */
    public static ImageDecoder defaultImages() {
        return new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, MAX_IMAGE_PIXELS);
    }

    public boolean isEmbedded() {
        return path == null;
    }
}
