package io.robustlab.core.corruption;

import java.util.SplittableRandom;

/**
 * Salt and pepper: each value independently, with probability {@code amount}, becomes 0 or 1 with equal
 * chance (scikit-image's {@code s&p} mode); amount from ImageNet-C (as MNIST-C uses it).
 */
final class ImpulseNoise extends BoundedCorruption {

    static final double[] AMOUNT = {0.03, 0.06, 0.09, 0.17, 0.27};

    ImpulseNoise() {
        super("impulse-noise", true);
    }

    @Override
    void corrupt(float[] image, float[] out, ImageShape shape, int severity, SplittableRandom random) {
        double amount = AMOUNT[severity - 1];
        for (int i = 0; i < image.length; i++) {
            out[i] = random.nextDouble() < amount ? (random.nextBoolean() ? 1f : 0f) : image[i];
        }
    }

    @Override
    String describe(int severity) {
        return "amount=" + AMOUNT[severity - 1];
    }
}
