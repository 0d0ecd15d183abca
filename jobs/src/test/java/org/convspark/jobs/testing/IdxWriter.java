package org.convspark.jobs.testing;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.convspark.engine.data.LabelledImages;

/** Writes {@link LabelledImages} of shape {@code 1 x H x W} as an IDX image file and an IDX label file. */
public final class IdxWriter {
    private IdxWriter() {
    }

    /** Writes {@code PREFIX-images-idx3-ubyte[.gz]} and {@code PREFIX-labels-idx1-ubyte[.gz]} into {@code dir}. */
    public static Path[] write(Path dir, String prefix, LabelledImages data, boolean gzip) throws IOException {
        String suffix = gzip ? ".gz" : "";
        Path images = dir.resolve(prefix + "-images-idx3-ubyte" + suffix);
        Path labels = dir.resolve(prefix + "-labels-idx1-ubyte" + suffix);
        int h = data.sampleShape().dim(1);
        int w = data.sampleShape().dim(2);
        try (DataOutputStream out = open(images, gzip)) {
            out.writeInt(0x00000803);
            out.writeInt(data.count());
            out.writeInt(h);
            out.writeInt(w);
            for (float v : data.pixels()) {
                out.writeByte(Math.round(v * 255));
            }
        }
        try (DataOutputStream out = open(labels, gzip)) {
            out.writeInt(0x00000801);
            out.writeInt(data.count());
            for (int label : data.labels()) {
                out.writeByte(label);
            }
        }
        return new Path[] {images, labels};
    }

    private static DataOutputStream open(Path path, boolean gzip) throws IOException {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(path));
        return new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw);
    }
}
