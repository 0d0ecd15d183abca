package org.convspark.jobs.data;

/**
 * What the command line asked for: a path (null for the embedded MNIST subset), a format (null:
 * inferred), the split a directory stands for, and the Parquet columns.
 */
public record DataRequest(String path, DataFormat format, DataRole role, ParquetReader.Columns columns) {
    public static DataRequest embedded(DataRole role) {
        return new DataRequest(null, null, role, ParquetReader.Columns.defaults());
    }

    public boolean isEmbedded() {
        return path == null;
    }
}
