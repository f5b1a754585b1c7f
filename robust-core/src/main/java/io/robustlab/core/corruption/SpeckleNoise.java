package io.robustlab.core.corruption;

import java.util.SplittableRandom;

/** Multiplicative noise {@code x + x * N(0, c²)} per value; c from ImageNet-C (as MNIST-C uses it). */
final class SpeckleNoise extends BoundedCorruption {

    static final double[] SCALE = {0.15, 0.2, 0.35, 0.45, 0.6};

    SpeckleNoise() {
        super("speckle-noise", true);
    }

    @Override
    void corrupt(float[] image, float[] out, ImageShape shape, int severity, SplittableRandom random) {
        double scale = SCALE[severity - 1];
        for (int i = 0; i < image.length; i++) {
            out[i] = (float) (image[i] * (1 + scale * random.nextGaussian()));
        }
    }

    @Override
    String describe(int severity) {
        return "scale=" + SCALE[severity - 1];
    }
}
