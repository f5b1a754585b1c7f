package io.robustlab.core.corruption;

import java.util.SplittableRandom;

/** Photon counting: {@code Poisson(x * rate) / rate} per value; rate from ImageNet-C (as MNIST-C uses it). */
final class ShotNoise extends BoundedCorruption {

    static final double[] RATE = {60, 25, 12, 5, 3};

    ShotNoise() {
        super("shot-noise", true);
    }

    @Override
    void corrupt(float[] image, float[] out, ImageShape shape, int severity, SplittableRandom random) {
        double rate = RATE[severity - 1];
        for (int i = 0; i < image.length; i++) {
            out[i] = (float) (Poisson.sample(image[i] * rate, random) / rate);
        }
    }

    @Override
    String describe(int severity) {
        return "rate=" + RATE[severity - 1];
    }
}
