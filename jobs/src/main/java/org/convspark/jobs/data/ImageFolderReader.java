package org.convspark.jobs.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.convspark.engine.data.ImageDecoder;
import org.convspark.engine.data.ImageDecoder.DecodedImage;
import org.convspark.engine.data.ImageDecoder.ImageHeader;
import org.convspark.engine.data.ImageDecoder.Inspection;
import org.convspark.engine.data.ImagePixels;
import org.convspark.engine.io.InvalidFileException;
import org.convspark.engine.tensor.Shape;
import scala.collection.immutable.ArraySeq;

/**
 * Reads a folder of PNG and JPEG images: Spark's {@code binaryFile} source lists and reads the
 * files, and {@link ImageDecoder} decodes them on the executors after reading each header (Spark's
 * {@code image} source decodes whatever a header claims, so one 875 KB PNG claiming 30,000 x
 * 30,000 pixels took the executor down with an OutOfMemoryError). For training and evaluation
 * the folder holds one sub-folder per class (class = sub-folder name; images may sit deeper
 * inside it); for prediction any layout is fine and the label is left empty.
 *
 * <p>The rules, checked before any image is packed, each failure naming a file or folder:
 * <ul>
 *   <li>every file with a {@code .png}, {@code .jpg} or {@code .jpeg} name must decode; other
 *       files are ignored;</li>
 *   <li>no file may be larger, or claim more pixels, than the decoder's limit (the file is
 *       refused from its length or header, before its bytes or pixels are held);</li>
 *   <li>all images must have ONE size (height x width), which must be the model's input size:
 *       images are never resized, because a silent resize changes what the model learns;</li>
 *   <li>channel counts may be mixed: images are converted to the model's channels as
 *       {@link ImagePixels} describes;</li>
 *   <li>an empty folder, a class folder without images and images directly in the top folder
 *       (when classes are needed) are errors.</li>
 * </ul>
 * Images are ordered by path, so a run is reproducible. A damaged or oversized image is a row of
 * the checking job, not an exception in a task: Spark would retry a task that throws (up to
 * {@code spark.task.maxFailures} times), which for a bad file only repeats the failure.
 */
public final class ImageFolderReader {
    private static final String GLOB = "*.{png,PNG,jpg,JPG,jpeg,JPEG}";

    /** What the checking job gives per file: the header's size, the decoded pixels or the problem. */
    private static final StructType DECODED = new StructType()
            .add("origin", DataTypes.StringType, false)
            .add("height", DataTypes.IntegerType, false)
            .add("width", DataTypes.IntegerType, false)
            .add("channels", DataTypes.IntegerType, false)
            .add("problem", DataTypes.StringType, true)
            .add("data", DataTypes.BinaryType, true);

    private final SparkSession spark;
    private final Configuration hadoopConf;
    private final ImageDecoder decoder;

    public ImageFolderReader(SparkSession spark, Configuration hadoopConf, ImageDecoder decoder) {
        this.spark = spark;
        this.hadoopConf = hadoopConf;
        this.decoder = decoder;
    }

    /** The class names of a labelled folder (its sub-folders, by name), checking the layout. */
    public static List<String> classFolders(DataLocation root) {
        List<String> classes = new ArrayList<>();
        for (DataLocation child : nonEmptyChildren(root)) {
            if (child.isDirectory()) {
                classes.add(child.name());
            } else if (DataFormat.isImageFile(child.name())) {
                throw new DataException(child + ": images must be inside one sub-folder per class, not directly in "
                        + root);
            }
        }
        if (classes.isEmpty()) {
            throw new DataException(root + ": no class sub-folders (put the images of each class in a sub-folder "
                    + "named after the class)");
        }
        return classes;
    }

    /**
     * Reads the images under {@code root} as samples of {@code target}'s shape. With
     * {@code classNames} (the model's classes, or those of {@link #classFolders}), every class
     * sub-folder must be one of them and gives the label; with null, labels are left empty.
     */
    public LoadedData read(DataLocation root, Shape target, List<String> classNames) {
        if (!root.isDirectory()) {
            throw new DataException(root + ": image data must be a folder (of class sub-folders), not a file");
        }
        int channels = target.dim(0);
        if (target.rank() != 3 || !ImagePixels.supports(channels)) {
            throw new DataException(root + ": images give samples of 1 (gray) or 3 (RGB) channels x height x width; "
                    + "the model takes " + target);
        }
        if ((long) target.dim(1) * target.dim(2) > decoder.maxPixels()) {
            throw new DataException(root + ": the model takes images of " + target.dim(1) + "x" + target.dim(2)
                    + ", above the limit of " + decoder.maxPixels() + " pixels (" + decoder.limitSetting()
                    + " raises it)");
        }
        List<String> folders = classNames == null ? List.of() : classFolders(root);
        String[] prefixes = new String[folders.size()];
        int[] labelOf = new int[folders.size()];
        for (int i = 0; i < folders.size(); i++) {
            labelOf[i] = classNames.indexOf(folders.get(i));
            if (labelOf[i] < 0) {
                throw new DataException(root + "/" + folders.get(i) + ": class '" + folders.get(i)
                        + "' is not one of the model's classes " + classNames);
            }
            prefixes[i] = qualified(new Path(new Path(root.uri()), folders.get(i))) + "/";
        }
        if (classNames == null) {
            nonEmptyChildren(root);
        }
        String rootPrefix = qualified(new Path(root.uri())) + "/";
        Dataset<Row> files = list(root);
        refuseOversizedFiles(root, rootPrefix, files);
        // Sorted before decoding, so the shuffle moves encoded bytes; the length filter is pushed into the scan.
        Dataset<Row> images = files.where(col("length").leq(decoder.maxFileBytes()))
                .select(col("path").as("origin"), col("content"))
                .orderBy("origin")
                .mapPartitions(new DecodeImages(decoder, target.dim(1), target.dim(2)), Encoders.row(DECODED))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long total = checkImages(root, rootPrefix, images, target, folders);
            String idColumn = "path";
            Dataset<Row> samples = images.mapPartitions(
                    new ToSamples(root.display(), rootPrefix, prefixes, labelOf, channels),
                    Encoders.row(LoadedData.schema(idColumn)));
            String description = root + " (" + total + " images of " + target.dim(1) + "x" + target.dim(2)
                    + (classNames == null ? "" : ", " + folders.size() + " class folders") + ")";
            return LoadedData.ofFrame(description, target, classNames == null ? 0 : classNames.size(),
                    classNames == null ? List.of() : classNames, idColumn, samples, total, () -> images.unpersist(false));
        } catch (RuntimeException e) {
            images.unpersist(false);
            throw e;
        }
    }

    /** The folder's image files as Spark's {@code binaryFile} source gives them (path, length, content). */
    private Dataset<Row> list(DataLocation root) {
        try {
            return spark.read().format("binaryFile")
                    .option("recursiveFileLookup", true)
                    .option("pathGlobFilter", GLOB)
                    .load(root.uri());
        } catch (RuntimeException e) {
            throw new DataException(root + ": cannot read as an image folder: " + SparkMessages.firstLine(e), e);
        }
    }

    /**
     * A job over the listing alone (the scan reads no content when none is selected): a file
     * longer than any image within the pixel limit is refused before an executor holds its bytes.
     */
    private void refuseOversizedFiles(DataLocation root, String rootPrefix, Dataset<Row> files) {
        List<Row> oversized = files.where(col("length").gt(decoder.maxFileBytes())).select(col("path"), col("length"))
                .orderBy("path").limit(1).collectAsList();
        if (!oversized.isEmpty()) {
            Row r = oversized.get(0);
            throw new DataException(display(root.display(), rootPrefix, r.getString(0)) + ": "
                    + decoder.tooLong(r.getLong(1)) + "; not read");
        }
    }

    /**
     * One job over the checked images: damaged and oversized files, sizes, and images per class
     * folder (the folder is the first path segment below the root).
     */
    private static long checkImages(DataLocation root, String rootPrefix, Dataset<Row> images, Shape target,
                                    List<String> folders) {
        Column folder = regexp_extract(col("origin"), "^" + Pattern.quote(rootPrefix) + "([^/]+)/", 1);
        // The first problem by path, as "origin NUL problem": one aggregate instead of a second job.
        Column problem = when(col("problem").isNotNull(), concat(col("origin"), lit("\0"), col("problem")));
        List<Row> groups = images.groupBy(col("height"), col("width"), folder.as("folder"))
                .agg(count("*").as("n"), min("origin").as("example"), min(problem).as("problem")).collectAsList();
        String firstProblem = null;
        for (Row r : groups) {
            if (!r.isNullAt(5) && (firstProblem == null || r.getString(5).compareTo(firstProblem) < 0)) {
                firstProblem = r.getString(5);
            }
        }
        if (firstProblem != null) {
            int cut = firstProblem.indexOf('\0');
            throw new DataException(display(root.display(), rootPrefix, firstProblem.substring(0, cut)) + ": "
                    + firstProblem.substring(cut + 1));
        }
        Map<String, long[]> sizes = new TreeMap<>();
        Map<String, String> sizeExample = new TreeMap<>();
        Set<String> foldersWithImages = new HashSet<>();
        long total = 0;
        for (Row r : groups) {
            String size = r.getInt(0) + "x" + r.getInt(1);
            sizes.computeIfAbsent(size, k -> new long[1])[0] += r.getLong(3);
            sizeExample.merge(size, r.getString(4), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            foldersWithImages.add(r.getString(2));
            total += r.getLong(3);
        }
        if (total == 0) {
            throw new DataException(root + ": no PNG or JPEG images (.png, .jpg, .jpeg) in the folder");
        }
        for (String f : folders) {
            if (!foldersWithImages.contains(f)) {
                throw new DataException(root.display() + (root.display().endsWith("/") ? "" : "/") + f
                        + ": the class folder holds no PNG or JPEG images");
            }
        }
        List<String> bySize = new ArrayList<>(sizes.keySet());
        bySize.sort(Comparator.comparingLong((String k) -> -sizes.get(k)[0]).thenComparing(k -> k));
        String common = bySize.get(0);
        if (bySize.size() > 1) {
            String odd = bySize.get(1);
            throw new DataException(display(root.display(), rootPrefix, sizeExample.get(odd)) + ": image of " + odd
                    + " but " + display(root.display(), rootPrefix, sizeExample.get(common)) + " is " + common
                    + "; all images must have one size (" + sizes.get(common)[0] + " are " + common + ", "
                    + (total - sizes.get(common)[0]) + " differ); convspark does not resize");
        }
        String expected = target.dim(1) + "x" + target.dim(2);
        if (!common.equals(expected)) {
            throw new DataException(root + ": the images are " + common + " but the model takes " + expected
                    + " inputs; convspark does not resize");
        }
        return total;
    }

    private static List<DataLocation> nonEmptyChildren(DataLocation root) {
        List<DataLocation> children = root.children();
        if (children.isEmpty()) {
            throw new DataException(root + ": the folder is empty");
        }
        return children;
    }

    /**
     * The form the {@code binaryFile} source gives a file's path in (Hadoop's qualified path,
     * unescaped: {@code file:/data/b c.png}), for prefix tests.
     */
    private String qualified(Path path) {
        try {
            return path.getFileSystem(hadoopConf).makeQualified(path).toString();
        } catch (IOException e) {
            throw new DataException(path + ": cannot resolve: " + e.getMessage(), e);
        }
    }

    /** {@code origin} (a qualified path as Spark gives it) as the user wrote it: the root as given, then the rest. */
    static String display(String rootDisplay, String rootPrefix, String origin) {
        if (!origin.startsWith(rootPrefix)) {
            return origin;
        }
        String base = rootDisplay.endsWith("/") ? rootDisplay : rootDisplay + "/";
        return base + origin.substring(rootPrefix.length());
    }

    /**
     * Executor side: each file's header, and its pixels when it is the model's size (an image of
     * another size is only measured: the driver names it). Problems become rows, not exceptions.
     */
    private static final class DecodeImages implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final ImageDecoder decoder;
        private final int height;
        private final int width;

        DecodeImages(ImageDecoder decoder, int height, int width) {
            this.decoder = decoder;
            this.height = height;
            this.width = width;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> files) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return files.hasNext();
                }

                @Override
                public Row next() {
                    Row file = files.next();
                    String origin = file.getString(0);
                    byte[] encoded = (byte[]) file.get(1);
                    Inspection inspection;
                    try {
                        inspection = decoder.inspect(origin, encoded, height, width);
                    } catch (InvalidFileException e) {
                        // The size of a problem row does not matter: the driver reports problems first.
                        return RowFactory.create(origin, -1, -1, 0, e.problem(), null);
                    }
                    ImageHeader header = inspection.header();
                    DecodedImage image = inspection.image();
                    return image == null ? RowFactory.create(origin, header.height(), header.width(), 0, null, null)
                            : RowFactory.create(origin, height, width, image.channels(), null, image.data());
                }
            };
        }
    }

    /** Executor side: decoded image rows to {@code (path, pixels, label)} sample rows. */
    private static final class ToSamples implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final String rootDisplay;
        private final String rootPrefix;
        private final String[] prefixes;
        private final int[] labelOf;
        private final int channels;

        ToSamples(String rootDisplay, String rootPrefix, String[] prefixes, int[] labelOf, int channels) {
            this.rootDisplay = rootDisplay;
            this.rootPrefix = rootPrefix;
            this.prefixes = prefixes;
            this.labelOf = labelOf;
            this.channels = channels;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    Row r = rows.next();
                    String origin = r.getString(0);
                    float[] pixels = ImagePixels.toPlanes((byte[]) r.get(5), r.getInt(1), r.getInt(2), r.getInt(3),
                            channels);
                    // A Seq, as Spark's row encoders produce: a row may reach readers without being re-encoded.
                    return RowFactory.create(display(rootDisplay, rootPrefix, origin),
                            ArraySeq.unsafeWrapArray(pixels), label(origin));
                }
            };
        }

        private Integer label(String origin) {
            if (prefixes.length == 0) {
                return null;
            }
            for (int i = 0; i < prefixes.length; i++) {
                if (origin.startsWith(prefixes[i])) {
                    return labelOf[i];
                }
            }
            throw new DataException(display(rootDisplay, rootPrefix, origin) + ": images must be inside one "
                    + "sub-folder per class");
        }
    }
}
