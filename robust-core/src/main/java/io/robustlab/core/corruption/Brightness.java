package io.robustlab.core.corruption;

import java.util.SplittableRandom;

/**
 * Adds {@code c} to the value channel V = max(R, G, B) of HSV, clipped at 1, keeping hue and saturation: an
 * RGB pixel is scaled by {@code V'/V} (black becomes gray {@code V'}); a grayscale pixel is its own V, so it
 * becomes {@code min(1, x + c)}. c from ImageNet-C (as MNIST-C uses it).
 */
final class Brightness extends BoundedCorruption {

    static final double[] SHIFT = {0.1, 0.2, 0.3, 0.4, 0.5};

    Brightness() {
        super("brightness", false);
    }

    @Override
    void corrupt(float[] image, float[] out, ImageShape shape, int severity, SplittableRandom random) {
        double shift = SHIFT[severity - 1];
        if (shape.channels() == 1) {
            for (int i = 0; i < image.length; i++) {
                out[i] = (float) Math.min(1, image[i] + shift);
            }
            return;
        }
        int plane = shape.plane();
        for (int p = 0; p < plane; p++) {
            double r = image[p];
            double g = image[plane + p];
            double b = image[2 * plane + p];
            double value = Math.max(r, Math.max(g, b));
            double brighter = Math.min(1, value + shift);
            if (value <= 0) {
                out[p] = out[plane + p] = out[2 * plane + p] = (float) brighter;
            } else {
                double scale = brighter / value;
                out[p] = (float) (r * scale);
                out[plane + p] = (float) (g * scale);
                out[2 * plane + p] = (float) (b * scale);
            }
        }
    }

    @Override
    String describe(int severity) {
        return "shift=" + SHIFT[severity - 1];
    }
}
