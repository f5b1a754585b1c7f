package io.robustlab.core.corruption;

import java.util.SplittableRandom;

/**
 * A camera moving in a straight line: the kernel ImageMagick's motion blur (which ImageNet-C calls) builds,
 * {@code 2*ceil(radius)+1} taps along a ray at an angle drawn uniformly from [-45°, 45°], weighted by the half
 * Gaussian {@code exp(-i²/(2 sigma²))}, normalised; taps between pixels are spread bilinearly, and edge pixels
 * repeat outside the image. (radius, sigma) from CIFAR-10-C, sized for 32×32 images; its severities 3 and 4 differ
 * only by taps more than 6 sigma out, so they are the same corruption (in ImageMagick as here).
 */
final class MotionBlur extends BoundedCorruption {

    static final double[] RADIUS = {6, 6, 6, 8, 9};
    static final double[] SIGMA = {1, 1.5, 2, 2, 2.5};
    static final double MAX_ANGLE_DEGREES = 45;

    MotionBlur() {
        super("motion-blur", true);
    }

    @Override
    void corrupt(float[] image, float[] out, ImageShape shape, int severity, SplittableRandom random) {
        double angle = Math.toRadians(random.nextDouble(-MAX_ANGLE_DEGREES, MAX_ANGLE_DEGREES));
        Convolution.apply(image, out, shape, kernel(RADIUS[severity - 1], SIGMA[severity - 1], angle), Border.EDGE);
    }

    @Override
    String describe(int severity) {
        return "radius=" + RADIUS[severity - 1] + ", sigma=" + SIGMA[severity - 1] + ", angle~U(-45°,45°)";
    }

    static Convolution.Taps kernel(double radius, double sigma, double angle) {
        int taps = 2 * (int) Math.ceil(radius) + 1;
        int reach = taps;
        double[][] dense = new double[2 * reach + 1][2 * reach + 1];
        double total = 0;
        for (int i = 0; i < taps; i++) {
            total += StrictMath.exp(-0.5 * i * i / (sigma * sigma));
        }
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);
        for (int i = 0; i < taps; i++) {
            double weight = StrictMath.exp(-0.5 * i * i / (sigma * sigma)) / total;
            double x = i * cos;
            double y = i * sin;
            int x0 = (int) Math.floor(x);
            int y0 = (int) Math.floor(y);
            double tx = x - x0;
            double ty = y - y0;
            dense[reach + y0][reach + x0] += weight * (1 - ty) * (1 - tx);
            dense[reach + y0][reach + x0 + 1] += weight * (1 - ty) * tx;
            dense[reach + y0 + 1][reach + x0] += weight * ty * (1 - tx);
            dense[reach + y0 + 1][reach + x0 + 1] += weight * ty * tx;
        }
        return Convolution.Taps.of(dense, reach);
    }
}
