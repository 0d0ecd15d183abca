package org.convspark.jobs.data;

import java.util.List;

/**
 * A {@link DataRequest} checked against the file system before Spark starts: the path exists,
 * the format is known, and for IDX and CIFAR-10 the files are found; for Parquet the path holds
 * Parquet data; for a labelled image folder the class sub-folders are listed. Exactly one of the
 * format-specific fields is set (none for the embedded subset).
 */
public record ResolvedData(DataRequest request, DataFormat format, DataLocation location, IdxFiles idx,
                           CifarFiles cifar, List<String> imageClasses) {

    public static ResolvedData embedded(DataRequest request) {
        return new ResolvedData(request, DataFormat.IDX, null, null, null, null);
    }

    public boolean isEmbedded() {
        return location == null;
    }

    /** Where the data comes from, for the run's log. */
    public String source() {
        if (isEmbedded()) {
            return "the embedded MNIST subset (" + request.role().description() + " split)";
        }
        return switch (format) {
            case IDX -> idx.images() + " + " + idx.labels().name();
            case CIFAR10 -> cifar.batches().size() == 1 ? cifar.batches().get(0).toString()
                    : location + " (" + cifar.batches().size() + " batches)";
            default -> location.toString();
        };
    }
}
