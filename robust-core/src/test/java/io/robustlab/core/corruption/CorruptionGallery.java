package io.robustlab.core.corruption;

import io.robustlab.core.data.ExampleSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Not a test: writes a PNG per image, one row per corruption, the clean image then severities 1–5, for people to
 * look at. {@code java ... CorruptionGallery /tmp/corruptions} (Fashion-MNIST must be installed).
 */
final class CorruptionGallery {

    private static final int ZOOM = 4;
    private static final int GAP = 2;

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "/tmp/corruptions");
        folder.toFile().mkdirs();
        ExampleSet fashion = TestImages.fashionMnist(3);
        for (int i = 0; i < fashion.size(); i++) {
            write(TestImages.example(fashion, i), TestImages.GRAY, folder.resolve("fashion-" + i + ".png"));
        }
        write(TestImages.scene(TestImages.GRAY, 1), TestImages.GRAY, folder.resolve("scene-gray.png"));
        write(TestImages.scene(TestImages.RGB, 2), TestImages.RGB, folder.resolve("scene-rgb.png"));
    }

    static void write(float[] image, ImageShape shape, Path file) throws IOException {
        List<Corruption> corruptions = Corruptions.all();
        int cell = shape.width() * ZOOM + GAP;
        int row = shape.height() * ZOOM + GAP;
        var grid = new BufferedImage(6 * cell, corruptions.size() * row, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < corruptions.size(); r++) {
            draw(grid, image, shape, 0, r * row);
            for (int severity = 1; severity <= 5; severity++) {
                float[] corrupted = corruptions.get(r).apply(image, shape, severity, 42L, r);
                draw(grid, corrupted, shape, severity * cell, r * row);
            }
        }
        ImageIO.write(grid, "png", file.toFile());
    }

    private static void draw(BufferedImage grid, float[] image, ImageShape shape, int left, int top) {
        int plane = shape.plane();
        for (int y = 0; y < shape.height() * ZOOM; y++) {
            for (int x = 0; x < shape.width() * ZOOM; x++) {
                int p = (y / ZOOM) * shape.width() + x / ZOOM;
                int r = Math.round(image[p] * 255);
                int g = shape.channels() == 3 ? Math.round(image[plane + p] * 255) : r;
                int b = shape.channels() == 3 ? Math.round(image[2 * plane + p] * 255) : r;
                grid.setRGB(left + x, top + y, (r << 16) | (g << 8) | b);
            }
        }
    }
}
