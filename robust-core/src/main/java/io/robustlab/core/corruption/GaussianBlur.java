package io.robustlab.core.corruption;

import java.util.SplittableRandom;

/**
 * Each channel blurred by a Gaussian of standard deviation sigma (truncated at 4 sigma, edge pixels repeated,
 * as scikit-image's {@code gaussian} does); sigma from CIFAR-10-C, sized for 32×32 images.
 */
final class GaussianBlur extends BoundedCorruption {

    static final double[] SIGMA = {0.4, 0.6, 0.7, 0.8, 1.0};
    private static final float[][] KERNELS = new float[SIGMA.length][];

    static {
        for (int s = 0; s < SIGMA.length; s++) {
            KERNELS[s] = Convolution.gaussian(SIGMA[s], 4.0);
        }
    }

    GaussianBlur() {
        super("gaussian-blur", false);
    }

    @Override
    void corrupt(float[] image, float[] out, ImageShape shape, int severity, SplittableRandom random) {
        Convolution.separable(image, out, shape, KERNELS[severity - 1], Border.EDGE);
    }

    @Override
    String describe(int severity) {
        return "sigma=" + SIGMA[severity - 1];
    }
}
