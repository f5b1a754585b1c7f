package io.robustlab.core.corruption;

import java.util.SplittableRandom;

/** {@code (x - mean) * c + mean} with each channel's own mean; c from ImageNet-C (as MNIST-C uses it). */
final class Contrast extends BoundedCorruption {

    static final double[] FACTOR = {0.4, 0.3, 0.2, 0.1, 0.05};

    Contrast() {
        super("contrast", false);
    }

    @Override
    void corrupt(float[] image, float[] out, ImageShape shape, int severity, SplittableRandom random) {
        double factor = FACTOR[severity - 1];
        int plane = shape.plane();
        for (int c = 0; c < shape.channels(); c++) {
            double sum = 0;
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                sum += image[i];
            }
            double mean = sum / plane;
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                out[i] = (float) ((image[i] - mean) * factor + mean);
            }
        }
    }

    @Override
    String describe(int severity) {
        return "factor=" + FACTOR[severity - 1];
    }
}
