package io.robustlab.attack.evaluation;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * Examples drawn as images for the gallery: an input in [0, 1] as it is (0 black, 1 white), a perturbation δ around
 * mid-grey scaled by its largest |δ| so that even a small one is visible. Each pixel becomes a {@value #SCALE}×
 * {@value #SCALE} block (nearest neighbour), as a 28×28 digit is too small to look at.
 */
final class ExampleImages {

    static final int SCALE = 4;
    /** How {@link #perturbation} maps δ to a grey level, as the gallery's sidecars state it. */
    static final String PERTURBATION_PIXEL = "clamp(round(127.5 + 127.5 * delta / maxAbsDelta), 0, 255)";

    private ExampleImages() {
    }

    /** How an example's values lie in an image: {@code [channels, height, width]}, channels 1 (grey) or 3 (RGB). */
    record Layout(int channels, int height, int width) {

        /** The layout of examples of {@code shape}, or null when they are not images. */
        static Layout of(long[] shape) {
            if (shape.length == 3 && (shape[0] == 1 || shape[0] == 3)) {
                return new Layout((int) shape[0], Math.toIntExact(shape[1]), Math.toIntExact(shape[2]));
            }
            if (shape.length == 2) {
                return new Layout(1, Math.toIntExact(shape[0]), Math.toIntExact(shape[1]));
            }
            if (shape.length == 1) {
                int side = (int) Math.round(Math.sqrt(shape[0]));
                return (long) side * side == shape[0] ? new Layout(1, side, side) : null;
            }
            return null;
        }

        int values() {
            return channels * height * width;
        }
    }

    /** An input with values in [0, 1]: 0 black, 1 white; values outside are clipped. */
    static BufferedImage input(float[] values, Layout layout) {
        return draw(values, layout, v -> v * 255);
    }

    /**
     * A perturbation δ: 0 mid-grey (128), +{@code scale} white, −{@code scale} black; pixel =
     * 127.5 + 127.5·δ/scale, rounded. A zero scale draws all mid-grey.
     */
    static BufferedImage perturbation(float[] delta, Layout layout, double scale) {
        return draw(delta, layout, d -> 127.5 + (scale > 0 ? 127.5 * d / scale : 0));
    }

    /** The largest |δ|, the scale {@link #perturbation} maps to white. */
    static double largestMagnitude(float[] delta) {
        double largest = 0;
        for (float d : delta) {
            largest = Math.max(largest, Math.abs(d));
        }
        return largest;
    }

    private static BufferedImage draw(float[] values, Layout layout, java.util.function.DoubleUnaryOperator level) {
        if (values.length != layout.values()) {
            throw new IllegalArgumentException(values.length + " values do not fill an image of " + layout);
        }
        int w = layout.width();
        int h = layout.height();
        BufferedImage image = new BufferedImage(w * SCALE, h * SCALE,
                layout.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = image.getRaster();
        int[] block = new int[SCALE * SCALE];
        for (int c = 0; c < layout.channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = values[(c * h + y) * w + x];
                    Arrays.fill(block, (int) Math.max(0, Math.min(255, Math.round(level.applyAsDouble(v)))));
                    raster.setSamples(x * SCALE, y * SCALE, SCALE, SCALE, c, block);
                }
            }
        }
        return image;
    }
}
