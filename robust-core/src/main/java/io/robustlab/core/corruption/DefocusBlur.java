package io.robustlab.core.corruption;

import java.util.SplittableRandom;

/**
 * An out-of-focus lens: each channel filtered with a normalised disk of the given radius, itself smoothed by a
 * small Gaussian (3×3, or 5×5 past radius 8) against aliasing, mirrored at the borders, as ImageNet-C builds it;
 * (radius, alias sigma) from CIFAR-10-C, sized for 32×32 images. Radii below 1 leave only the centre of the
 * disk, so the lowest severities are the alias Gaussian alone.
 */
final class DefocusBlur extends BoundedCorruption {

    static final double[] RADIUS = {0.3, 0.4, 0.5, 1, 1.5};
    static final double[] ALIAS_SIGMA = {0.4, 0.5, 0.6, 0.2, 0.1};
    private static final Convolution.Taps[] KERNELS = new Convolution.Taps[RADIUS.length];

    static {
        for (int s = 0; s < RADIUS.length; s++) {
            KERNELS[s] = kernel(RADIUS[s], ALIAS_SIGMA[s]);
        }
    }

    DefocusBlur() {
        super("defocus-blur", false);
    }

    @Override
    void corrupt(float[] image, float[] out, ImageShape shape, int severity, SplittableRandom random) {
        Convolution.apply(image, out, shape, KERNELS[severity - 1], Border.MIRROR);
    }

    @Override
    String describe(int severity) {
        return "radius=" + RADIUS[severity - 1] + ", aliasSigma=" + ALIAS_SIGMA[severity - 1];
    }

    static Convolution.Taps kernel(double radius, double aliasSigma) {
        int half = radius <= 8 ? 8 : (int) Math.floor(radius);
        int size = 2 * half + 1;
        float[] disk = new float[size * size];
        int inside = 0;
        for (int y = -half; y <= half; y++) {
            for (int x = -half; x <= half; x++) {
                if (x * x + y * y <= radius * radius) {
                    disk[(y + half) * size + x + half] = 1;
                    inside++;
                }
            }
        }
        for (int i = 0; i < disk.length; i++) {
            disk[i] /= inside;
        }
        float[] smoothed = new float[disk.length];
        float[] alias = Convolution.gaussian(aliasSigma, radius <= 8 ? 1 : 2);
        Convolution.separable(disk, smoothed, new ImageShape(1, size, size), alias, Border.MIRROR);
        double[][] dense = new double[size][size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                dense[y][x] = smoothed[y * size + x];
            }
        }
        return Convolution.Taps.of(dense, half);
    }
}
