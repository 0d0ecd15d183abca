package org.convspark.jobs.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.engine.data.IdxFile;
import org.convspark.engine.data.IdxReader;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.io.InvalidFileException;
import org.convspark.engine.tensor.Shape;

/**
 * Reads data for a command in two stages: {@link #resolve} before Spark starts (files exist,
 * the format is known, so a typo fails in a second), then {@link #load} with a session, into
 * samples of the model's input shape. Errors are {@link DataException}s naming the file.
 */
public final class DataLoader {
    private final SparkSession spark;
    private final Configuration hadoopConf;

    /** What the model needs of the data: its input shape and classes. */
    public record Target(Shape input, int numClasses, List<String> classNames, boolean labelled) {
    }

    public DataLoader(SparkSession spark) {
        this.spark = spark;
        this.hadoopConf = spark.sparkContext().hadoopConfiguration();
    }

    /** Checks {@code request} against the file system; needs no Spark session. */
    public static ResolvedData resolve(DataRequest request, Configuration conf, boolean labelled) {
        if (request.isEmbedded()) {
            return ResolvedData.embedded(request);
        }
        DataLocation location = DataLocation.of(request.path(), conf);
        DataFormat format = request.format() != null ? request.format() : DataFormat.infer(location);
        return switch (format) {
            case IDX -> new ResolvedData(request, format, location, IdxFiles.locate(location, request.role()), null,
                    null);
            case CIFAR10 -> new ResolvedData(request, format, location, null,
                    CifarFiles.locate(location, request.role()), null);
            case PARQUET -> {
                ParquetReader.checkLooksLikeParquet(location);
                yield new ResolvedData(request, format, location, null, null, null);
            }
            case IMAGES -> {
                if (!location.isDirectory()) {
                    throw new DataException(location + ": image data must be a folder (of class sub-folders), "
                            + "not a file");
                }
                yield new ResolvedData(request, format, location, null, null,
                        labelled ? ImageFolderReader.classFolders(location) : null);
            }
        };
    }

    /**
     * The test split that {@code train --data DIR} uses when no {@code --test-data} is given: the
     * test files of an IDX or CIFAR-10 directory that holds both splits.
     */
    public static ResolvedData impliedTestSplit(ResolvedData train, Configuration conf) {
        if (train.isEmbedded()) {
            return resolve(DataRequest.embedded(DataRole.TEST), conf, true);
        }
        DataLocation location = train.location();
        boolean hasTest = switch (train.format()) {
            case IDX -> IdxFiles.hasSplit(location, DataRole.TEST);
            case CIFAR10 -> CifarFiles.hasSplit(location, DataRole.TEST);
            default -> false;
        };
        if (!hasTest) {
            return null;
        }
        DataRequest request = train.request();
        return resolve(new DataRequest(request.path(), train.format(), DataRole.TEST, request.columns(),
                request.images()), conf, true);
    }

    /** The classes the training data names (image folders, CIFAR's {@code batches.meta.txt}), else none. */
    public static List<String> namedClasses(ResolvedData data) {
        if (data.imageClasses() != null) {
            return data.imageClasses();
        }
        if (data.cifar() != null) {
            return data.cifar().classNames();
        }
        return List.of();
    }

    public LoadedData load(ResolvedData data, Target target) {
        if (data.isEmbedded()) {
            LabelledImages images = data.request().role() == DataRole.TRAIN ? EmbeddedMnist.train()
                    : EmbeddedMnist.test();
            return LoadedData.ofLocal(data.source() + ": " + images, images, names(List.of(), target.numClasses()));
        }
        return switch (data.format()) {
            case IDX -> local(data, readIdx(data.idx(), target.numClasses()), target);
            case CIFAR10 -> local(data, new CifarReader(target.numClasses()).read(data.cifar().batches()), target);
            case IMAGES -> new ImageFolderReader(spark, hadoopConf, data.request().images()).read(data.location(), target.input(),
                    target.labelled() ? classesForImages(data, target) : null);
            case PARQUET -> new ParquetReader(spark).read(data.location(), data.request().columns(), target.input(),
                    target.numClasses(), names(target.classNames() == null ? List.of() : target.classNames(),
                    target.numClasses()), target.labelled());
        };
    }

    private static List<String> classesForImages(ResolvedData data, Target target) {
        if (target.classNames() != null && !target.classNames().isEmpty()) {
            return target.classNames();
        }
        List<String> folders = data.imageClasses();
        if (folders.size() > target.numClasses()) {
            throw new DataException(data.location() + ": " + folders.size() + " class folders, but the model has "
                    + target.numClasses() + " outputs");
        }
        return folders;
    }

    private static LoadedData local(ResolvedData data, LabelledImages images, Target target) {
        if (!images.sampleShape().equals(target.input())) {
            throw new DataException(data.source() + ": the samples are " + images.sampleShape()
                    + " but the model takes " + target.input());
        }
        return LoadedData.ofLocal(data.source() + ": " + images, images,
                names(target.classNames() != null && !target.classNames().isEmpty() ? target.classNames()
                        : namedClasses(data), target.numClasses()));
    }

    private LabelledImages readIdx(IdxFiles files, int numClasses) {
        try {
            return new IdxReader(IdxReader.DEFAULT_MAX_PIXELS, Math.min(numClasses, 256))
                    .read(idxFile(files.images()), idxFile(files.labels()));
        } catch (InvalidFileException e) {
            throw new DataException(e.getMessage(), e);
        } catch (IOException e) {
            throw new DataException(files.images() + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static IdxFile idxFile(DataLocation file) {
        return new IdxFile(file.display(), file.length(), file::open);
    }

    /** {@code named} padded with the indices of the classes it does not name, to {@code numClasses} names. */
    public static List<String> names(List<String> named, int numClasses) {
        List<String> result = new ArrayList<>(named.subList(0, Math.min(named.size(), numClasses)));
        for (int i = result.size(); i < numClasses; i++) {
            result.add(String.valueOf(i));
        }
        return result;
    }
}
