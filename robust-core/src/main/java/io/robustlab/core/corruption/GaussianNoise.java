package io.robustlab.core.corruption;

import java.util.SplittableRandom;

/** {@code x + N(0, sigma²)} independently per value; sigma from ImageNet-C (as MNIST-C uses it). */
final class GaussianNoise extends BoundedCorruption {

    static final double[] SIGMA = {0.08, 0.12, 0.18, 0.26, 0.38};

    GaussianNoise() {
        super("gaussian-noise", true);
    }

    @Override
    void corrupt(float[] image, float[] out, ImageShape shape, int severity, SplittableRandom random) {
        double sigma = SIGMA[severity - 1];
        for (int i = 0; i < image.length; i++) {
            out[i] = (float) (image[i] + sigma * random.nextGaussian());
        }
    }

    @Override
    String describe(int severity) {
        return "sigma=" + SIGMA[severity - 1];
    }
}
