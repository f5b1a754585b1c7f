package io.robustlab.core.corruption;

import java.util.SplittableRandom;

/**
 * ImageNet-C's elastic transform, in two steps. First a random affine map: three points around the centre,
 * {@code side/3} from it, are each moved by up to {@code affine} pixels per coordinate, and the image is warped
 * accordingly (bilinear, mirrored borders). Then the displacement fields of Simard, Steinkraus and Platt (2003),
 * "Best Practices for Convolutional Neural Networks Applied to Visual Document Analysis": uniform noise in
 * [-1, 1] per pixel, smoothed by a Gaussian of standard deviation {@code sigma} (truncated at 3 sigma), scaled
 * by {@code alpha}, for rows and columns; the image is resampled at the displaced positions (bilinear, reflected
 * borders).
 *
 * <p>(alpha, sigma) are CIFAR-10-C's, as fractions of the image side. CIFAR-10-C also shrinks the affine part as
 * severity grows (0.08 to 0.03 of the side), so there its mean change from the clean image falls with severity
 * (on Fashion-MNIST 0.112, 0.100, 0.096, 0.084, 0.073); here the affine part stays at its severity-5 value,
 * 0.03 of the side, so that severity 5 is CIFAR-10-C's and lower severities have less elastic displacement.
 */
final class ElasticTransform extends BoundedCorruption {

    static final double[] ALPHA = {0, 0.05, 0.08, 0.1, 0.1};
    static final double[] SIGMA = {0, 0.2, 0.06, 0.04, 0.03};
    static final double[] AFFINE = {0.03, 0.03, 0.03, 0.03, 0.03};

    ElasticTransform() {
        super("elastic-transform", true);
    }

    @Override
    void corrupt(float[] image, float[] out, ImageShape shape, int severity, SplittableRandom random) {
        int h = shape.height();
        int w = shape.width();
        double side = Math.min(h, w);
        double[] inverse = randomAffineInverse(h, w, AFFINE[severity - 1] * side, random);
        float[] warped = new float[image.length];
        for (int c = 0; c < shape.channels(); c++) {
            int base = c * shape.plane();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double sx = inverse[0] * x + inverse[1] * y + inverse[2];
                    double sy = inverse[3] * x + inverse[4] * y + inverse[5];
                    warped[base + y * w + x] = Bilinear.sample(image, base, h, w, sy, sx, Border.MIRROR);
                }
            }
        }
        double alpha = ALPHA[severity - 1] * side;
        if (alpha == 0) {
            System.arraycopy(warped, 0, out, 0, warped.length);
            return;
        }
        ImageShape field = new ImageShape(1, h, w);
        float[] kernel = Convolution.gaussian(SIGMA[severity - 1] * side, 3.0);
        float[] dx = displacement(field, kernel, alpha, random);
        float[] dy = displacement(field, kernel, alpha, random);
        for (int c = 0; c < shape.channels(); c++) {
            int base = c * shape.plane();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = y * w + x;
                    out[base + p] = Bilinear.sample(warped, base, h, w, y + dy[p], x + dx[p], Border.REFLECT);
                }
            }
        }
    }

    private static float[] displacement(ImageShape field, float[] kernel, double alpha, SplittableRandom random) {
        float[] noise = new float[field.plane()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextDouble(-1, 1);
        }
        float[] smooth = new float[noise.length];
        Convolution.separable(noise, smooth, field, kernel, Border.REFLECT);
        for (int i = 0; i < smooth.length; i++) {
            smooth[i] *= (float) alpha;
        }
        return smooth;
    }

    /**
     * The map from output to input pixel, {@code (x, y) -> (m0 x + m1 y + m2, m3 x + m4 y + m5)}, of the affine
     * warp that moves three points around the centre by up to {@code shift} pixels per coordinate.
     */
    static double[] randomAffineInverse(int h, int w, double shift, SplittableRandom random) {
        double cx = w / 2;
        double cy = h / 2;
        double s = Math.max(1, Math.min(h, w) / 3);
        double[][] from = {{cx + s, cy + s}, {cx + s, cy - s}, {cx - s, cy - s}};
        double[][] to = new double[3][2];
        for (int k = 0; k < 3; k++) {
            for (int d = 0; d < 2; d++) {
                to[k][d] = from[k][d] + (shift > 0 ? random.nextDouble(-shift, shift) : 0);
            }
        }
        // solve for the map taking each moved point back to where it came from
        double det = to[0][0] * (to[1][1] - to[2][1]) - to[0][1] * (to[1][0] - to[2][0])
                + (to[1][0] * to[2][1] - to[2][0] * to[1][1]);
        double[] map = new double[6];
        for (int d = 0; d < 2; d++) {
            double t0 = from[0][d];
            double t1 = from[1][d];
            double t2 = from[2][d];
            map[3 * d] = (t0 * (to[1][1] - to[2][1]) - to[0][1] * (t1 - t2) + (t1 * to[2][1] - t2 * to[1][1])) / det;
            map[3 * d + 1] = (to[0][0] * (t1 - t2) - t0 * (to[1][0] - to[2][0]) + (to[1][0] * t2 - to[2][0] * t1)) / det;
            map[3 * d + 2] = (to[0][0] * (to[1][1] * t2 - to[2][1] * t1) - to[0][1] * (to[1][0] * t2 - to[2][0] * t1)
                    + t0 * (to[1][0] * to[2][1] - to[2][0] * to[1][1])) / det;
        }
        return map;
    }

    @Override
    String describe(int severity) {
        return "alpha=" + ALPHA[severity - 1] + "·side, sigma=" + SIGMA[severity - 1] + "·side, affine="
                + AFFINE[severity - 1] + "·side";
    }
}
