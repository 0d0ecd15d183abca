package org.convspark.jobs.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes PNG folders of three easily told apart classes, one sub-folder each: {@code horizontal}
 * (a bright horizontal bar), {@code vertical} (a bright vertical bar) and {@code dots} (a few
 * bright dots), on a dim noisy background at a random position. Half the images are gray, half
 * RGB with the pattern in a random colour, so readers meet mixed channel counts.
 */
public final class ImageFolders {
    public static final String[] CLASSES = {"dots", "horizontal", "vertical"};

    private ImageFolders() {
    }

    /** {@code perClass} images of {@code size x size} per class under {@code root}. */
    public static void write(Path root, int perClass, int size, long seed) throws IOException {
        Random random = new Random(seed);
        for (int c = 0; c < CLASSES.length; c++) {
            Path dir = Files.createDirectories(root.resolve(CLASSES[c]));
            for (int i = 0; i < perClass; i++) {
                boolean gray = i % 2 == 0;
                BufferedImage image = pattern(c, size, gray, random);
                ImageIO.write(image, "png", dir.resolve(String.format("%s-%03d.png", CLASSES[c], i)).toFile());
            }
        }
    }

    /** One image of class {@code c} (index into {@link #CLASSES}). */
    public static BufferedImage pattern(int c, int size, boolean gray, Random random) {
        BufferedImage image = new BufferedImage(size, size, gray ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_INT_RGB);
        int color = gray ? 0xffffff : 0x404040 | (0xbf << (8 * random.nextInt(3)));
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int v = random.nextInt(40);
                image.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        int at = 2 + random.nextInt(size - 4);
        for (int k = 0; k < size; k++) {
            switch (c) {
                case 0 -> {
                    if (k % 4 == 0) {
                        image.setRGB(2 + random.nextInt(size - 4), 2 + random.nextInt(size - 4), color);
                    }
                }
                case 1 -> image.setRGB(k, at, color);
                default -> image.setRGB(at, k, color);
            }
        }
        return image;
    }

    /** A single PNG of {@code width x height}, gray. */
    public static void writeOne(Path file, int width, int height) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
    }
}
