package org.convspark.engine.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.convspark.engine.io.InvalidFileException;

/**
 * Decodes PNG and JPEG files, reading each one's header first and refusing, by name, one that is
 * larger than a pixel limit or not the size the caller needs, before any pixel buffer exists: a
 * 875 KB PNG can claim 30,000 x 30,000 pixels, and a decoder that trusts it allocates 900 MB per
 * copy and kills the executor (Spark's own {@code image} source decodes first and checks nothing;
 * its decode is not public, so this class replaces it).
 *
 * <p>The pixels come out as Spark's {@code image} source gives them ({@link DecodedImage}), so
 * {@link ImagePixels} converts either. The header and the pixels are read by the JDK's ImageIO
 * PNG and JPEG readers ({@link ImageReader#getWidth} reads the PNG IHDR or the JPEG SOF and
 * nothing after it); this class only chooses the reader by the file's magic bytes (so a GIF or BMP
 * with a {@code .png} name is refused rather than decoded by whichever plugin claims it), applies
 * the limits and turns every failure of a damaged file, checked or not, into one
 * {@link InvalidFileException}. Memory is bounded by twice the file's bytes (ImageIO's stream
 * keeps a copy) plus, for a decoded image, the pixel limit times at most 8 bytes (ImageIO's
 * 16-bit RGBA raster) and 4 more (the interleaved result).
 *
 * <p>Immutable and thread-safe; serializable so Spark tasks can carry it.
 */
public final class ImageDecoder implements Serializable {
    private static final long serialVersionUID = 1L;
    /** 4096 x 4096: every image a CNN here trains on, with room; a bomb is orders above it. */
    public static final long DEFAULT_MAX_PIXELS = 4096L * 4096L;

    /** The most pixels whose 4-channel bytes fit one Java array. */
    public static final long MAX_PIXELS_CEILING = Integer.MAX_VALUE / 4;
    private static final long METADATA_BYTES = 16L << 20;
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private final long maxPixels;
    private final String limitSetting;

    /**
     * A decoder refusing images of more than {@code maxPixels} pixels; {@code limitSetting} names
     * the option or param that raises it, for the error message.
     */
    public ImageDecoder(long maxPixels, String limitSetting) {
        if (maxPixels < 1 || maxPixels > MAX_PIXELS_CEILING) {
            throw new IllegalArgumentException(limitSetting + " must be from 1 to " + MAX_PIXELS_CEILING + ", got "
                    + maxPixels);
        }
        this.maxPixels = maxPixels;
        this.limitSetting = limitSetting;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /** Why a file of {@code bytes} (above {@link #maxFileBytes}) is refused unread. */
    public String tooLong(long bytes) {
        return bytes + " bytes, more than any image within the limit of " + maxPixels + " pixels takes ("
                + maxFileBytes() + " bytes; " + limitSetting + " raises it)";
    }

    /** The option or param that raises the limit, as errors name it. */
    public String limitSetting() {
        return limitSetting;
    }

    /**
     * The longest file an image within the limit can be: 8 bytes per pixel (16-bit RGBA, stored
     * uncompressed) plus 16 MiB of metadata (EXIF, ICC profiles). Longer files are refused unread.
     */
    public long maxFileBytes() {
        // A file is held in one byte[] (Spark's binaryFile source reads it so), hence the array limit.
        return Math.min(8 * maxPixels + METADATA_BYTES, Integer.MAX_VALUE - 8L);
    }

    /** The size an encoded image claims, read from its header alone. */
    public record ImageHeader(String format, int height, int width) {
        public long pixels() {
            return (long) height * width;
        }

        /** {@code height x width}, the order the rest of the project writes sizes in. */
        public String size() {
            return height + "x" + width;
        }
    }

    /**
     * An image's pixels as Spark's {@code image} source lays them out: row-major, interleaved,
     * 1 byte per channel, gray (1 channel), BGR (3) or BGRA (4).
     */
    public record DecodedImage(int height, int width, int channels, byte[] data) {
    }

    /**
     * The header of {@code encoded}, refusing a file that is not a readable PNG or JPEG or whose
     * pixel count is above the limit; {@code file} names it in the error.
     */
    public ImageHeader header(String file, byte[] encoded) {
        ImageReader reader = open(file, encoded);
        try {
            return checkedHeader(file, reader);
        } finally {
            release(reader);
        }
    }

    /** An image's header and, when it had the size asked for, its pixels (else null). */
    public record Inspection(ImageHeader header, DecodedImage image) {
    }

    /**
     * Decodes {@code encoded}, refusing it (from its header, before decoding) when it is above the
     * pixel limit or not {@code height x width}.
     */
    public DecodedImage decode(String file, byte[] encoded, int height, int width) {
        Inspection inspection = inspect(file, encoded, height, width);
        if (inspection.image() == null) {
            throw new InvalidFileException(file, "image of " + inspection.header().size() + " (height x width), "
                    + "expected " + height + "x" + width + "; images are not resized");
        }
        return inspection.image();
    }

    /**
     * Reads {@code encoded}'s header and decodes it only when it is {@code height x width}: one
     * pass over the file for a caller that must also learn the size of an image it does not
     * decode. Refuses, as {@link #header} does, a damaged file or one above the pixel limit.
     */
    public Inspection inspect(String file, byte[] encoded, int height, int width) {
        ImageReader reader = open(file, encoded);
        try {
            ImageHeader header = checkedHeader(file, reader);
            if (header.height() != height || header.width() != width) {
                return new Inspection(header, null);
            }
            BufferedImage image = reader.read(0);
            if (image.getHeight() != height || image.getWidth() != width) {
                throw new InvalidFileException(file, "decoded to " + image.getHeight() + "x" + image.getWidth()
                        + " although its header says " + header.size());
            }
            return new Inspection(header, interleaved(image));
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e);
        } finally {
            release(reader);
        }
    }

    /** Disposes {@code reader} and closes its stream (dispose does not), freeing the stream's copy of the bytes. */
    private static void release(ImageReader reader) {
        Object input = reader.getInput();
        reader.dispose();
        if (input instanceof ImageInputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // An in-memory stream: nothing to report, and the result is already decided.
            }
        }
    }

    private ImageHeader checkedHeader(String file, ImageReader reader) {
        ImageHeader header;
        try {
            header = new ImageHeader(reader.getFormatName().toLowerCase(Locale.ROOT), reader.getHeight(0),
                    reader.getWidth(0));
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e);
        }
        if (header.height() < 1 || header.width() < 1) {
            throw new InvalidFileException(file, "its header gives the size " + header.size());
        }
        if (header.pixels() > maxPixels) {
            throw new InvalidFileException(file, "image of " + header.size() + " (height x width, "
                    + header.pixels() + " pixels) is above the limit of " + maxPixels + " pixels (" + limitSetting
                    + " raises it); not decoded");
        }
        return header;
    }

    private ImageReader open(String file, byte[] encoded) {
        if (encoded.length > maxFileBytes()) {
            throw new InvalidFileException(file, tooLong(encoded.length));
        }
        String format = startsWith(encoded, PNG_MAGIC) ? "png" : startsWith(encoded, JPEG_MAGIC) ? "jpeg" : null;
        if (format == null) {
            throw new InvalidFileException(file, "not a PNG or JPEG image (" + encoded.length + " bytes, "
                    + (encoded.length == 0 ? "empty" : "no PNG or JPEG signature") + ")");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JVM has no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        // No file cache: the bytes are in memory already, and ImageIO's default cache writes temp files.
        ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded));
        // Seeking back is allowed: JPEG's reader returns to the image's start after reading the header.
        reader.setInput(in, false, true);
        return reader;
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** ImageIO reports a damaged file with IIOException and, for some damage, any runtime exception. */
    private static InvalidFileException damaged(String file, Exception e) {
        if (e instanceof InvalidFileException invalid) {
            return invalid;
        }
        String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return new InvalidFileException(file, "not a decodable PNG or JPEG image: " + why, e);
    }

    /**
     * The channel rule of Spark's {@code image} source: a gray colour space gives 1 channel (alpha
     * dropped), otherwise 3 or, with alpha, 4, through the image's sRGB conversion. One difference:
     * 16-bit gray keeps its high byte (Spark's source keeps the low one, which wraps bright pixels
     * around to dark).
     */
    private static DecodedImage interleaved(BufferedImage image) {
        int height = image.getHeight();
        int width = image.getWidth();
        boolean gray = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        if (gray) {
            Raster raster = image.getRaster();
            // 8 or 16 bits: ImageIO gives packed 1, 2 and 4-bit gray a palette, which takes the colour path.
            int shift = Math.max(0, image.getColorModel().getComponentSize(0) - 8);
            byte[] data = new byte[height * width];
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    data[y * width + x] = (byte) (row[x] >>> shift);
                }
            }
            return new DecodedImage(height, width, 1, data);
        }
        boolean alpha = image.getColorModel().hasAlpha();
        int channels = alpha ? 4 : 3;
        byte[] data = new byte[height * width * channels];
        int[] argb = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, argb, 0, width);
            for (int x = 0; x < width; x++) {
                int at = (y * width + x) * channels;
                int p = argb[x];
                data[at] = (byte) p;
                data[at + 1] = (byte) (p >>> 8);
                data[at + 2] = (byte) (p >>> 16);
                if (alpha) {
                    data[at + 3] = (byte) (p >>> 24);
                }
            }
        }
        return new DecodedImage(height, width, channels, data);
    }
}
