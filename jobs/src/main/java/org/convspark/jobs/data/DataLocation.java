package org.convspark.jobs.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A file or directory that data is read from, on any Hadoop file system (a plain local path, or
 * {@code hdfs://}, {@code s3a://}, ...), named in errors as the user wrote it: a child of
 * {@code data/mnist} is {@code data/mnist/train-images-idx3-ubyte}, not a qualified URI.
 */
public final class DataLocation {
    private final String display;
    private final Path path;
    private final FileSystem fs;
    private final FileStatus status;

    private DataLocation(String display, Path path, FileSystem fs, FileStatus status) {
        this.display = display;
        this.path = path;
        this.fs = fs;
        this.status = status;
    }

    /** The location {@code value} names; a {@link DataException} when it does not exist. */
    public static DataLocation of(String value, Configuration conf) {
        if (value == null || value.isBlank()) {
            throw new DataException("an empty path was given as data");
        }
        Path path = new Path(value);
        try {
            FileSystem fs = path.getFileSystem(conf);
            return new DataLocation(value, path, fs, fs.getFileStatus(path));
        } catch (FileNotFoundException e) {
            throw new DataException(value + ": no such file or directory");
        } catch (IOException | IllegalArgumentException e) {
            throw new DataException(value + ": cannot access: " + e.getMessage(), e);
        }
    }

    /** Whether {@code value} names an existing file or directory (false for any access problem). */
    public static boolean exists(String value, Configuration conf) {
        try {
            Path path = new Path(value);
            return path.getFileSystem(conf).exists(path);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    public String display() {
        return display;
    }

    /** The last path segment. */
    public String name() {
        return path.getName();
    }

    public boolean isDirectory() {
        return status.isDirectory();
    }

    public long length() {
        return status.getLen();
    }

    /** The path in the form Spark's readers take. */
    public String uri() {
        return path.toString();
    }

    /** Entries of a directory, by name, hidden ones ({@code .x}, {@code _x}) left out as Spark and Hadoop do. */
    public List<DataLocation> children() {
        if (!isDirectory()) {
            throw new IllegalStateException(display + " is not a directory");
        }
        try {
            List<DataLocation> result = new ArrayList<>();
            for (FileStatus child : fs.listStatus(path)) {
                String name = child.getPath().getName();
                if (!name.startsWith(".") && !name.startsWith("_")) {
                    result.add(new DataLocation(join(display, name), new Path(path, name), fs, child));
                }
            }
            result.sort(Comparator.comparing(DataLocation::name));
            return result;
        } catch (IOException e) {
            throw new DataException(display + ": cannot list the directory: " + e.getMessage(), e);
        }
    }

    /** The sibling file {@code name} in the same directory, if it exists. */
    public Optional<DataLocation> sibling(String name) {
        Path parent = path.getParent();
        Path candidate = parent == null ? new Path(name) : new Path(parent, name);
        try {
            if (!fs.exists(candidate)) {
                return Optional.empty();
            }
            String parentDisplay = display.contains("/") ? display.substring(0, display.lastIndexOf('/')) : "";
            return Optional.of(new DataLocation(parentDisplay.isEmpty() ? name : join(parentDisplay, name),
                    candidate, fs, fs.getFileStatus(candidate)));
        } catch (IOException e) {
            throw new DataException(display + ": cannot look for " + name + " beside it: " + e.getMessage(), e);
        }
    }

    public InputStream open() throws IOException {
        return fs.open(path);
    }

    private static String join(String parent, String name) {
        return parent.endsWith("/") ? parent + name : parent + "/" + name;
    }

    @Override
    public String toString() {
        return display;
    }
}
