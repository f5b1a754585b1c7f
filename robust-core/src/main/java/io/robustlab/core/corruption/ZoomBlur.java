package io.robustlab.core.corruption;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A camera zooming during the exposure: the mean of the image and its copies magnified about the centre by
 * 1.00, 1.01, ... up to the severity's largest factor (bilinear). The factors are those CIFAR-10-C's
 * {@code numpy.arange} calls produce, e.g. {@code arange(1, 1.06, 0.01)} gives 1.00 to 1.06 inclusive.
 */
final class ZoomBlur extends BoundedCorruption {

    static final double[] LARGEST_FACTOR = {1.06, 1.11, 1.15, 1.20, 1.25};
    static final double STEP = 0.01;

    ZoomBlur() {
        super("zoom-blur", false);
    }

    @Override
    void corrupt(float[] image, float[] out, ImageShape shape, int severity, SplittableRandom random) {
        int h = shape.height();
        int w = shape.width();
        int zooms = (int) Math.round((LARGEST_FACTOR[severity - 1] - 1) / STEP) + 1;
        System.arraycopy(image, 0, out, 0, image.length);
        // bilinear weights are separable: compute each zoom's source rows and columns once
        int[] y0 = new int[h];
        int[] y1 = new int[h];
        float[] ty = new float[h];
        int[] x0 = new int[w];
        int[] x1 = new int[w];
        float[] tx = new float[w];
        for (int z = 0; z < zooms; z++) {
            double factor = 1 + z * STEP;
            sources(h, factor, y0, y1, ty);
            sources(w, factor, x0, x1, tx);
            for (int c = 0; c < shape.channels(); c++) {
                int base = c * shape.plane();
                for (int y = 0; y < h; y++) {
                    int top = base + y0[y] * w;
                    int bottom = base + y1[y] * w;
                    for (int x = 0; x < w; x++) {
                        float upper = image[top + x0[x]] + tx[x] * (image[top + x1[x]] - image[top + x0[x]]);
                        float lower = image[bottom + x0[x]] + tx[x] * (image[bottom + x1[x]] - image[bottom + x0[x]]);
                        out[base + y * w + x] += upper + ty[y] * (lower - upper);
                    }
                }
            }
        }
        float count = zooms + 1;
        for (int i = 0; i < out.length; i++) {
            out[i] /= count;
        }
    }

    /** Output position {@code i} of {@code n} reads {@code centre + (i - centre) / factor}, inside the image. */
    private static void sources(int n, double factor, int[] lower, int[] upper, float[] fraction) {
        double centre = (n - 1) / 2.0;
        for (int i = 0; i < n; i++) {
            double source = centre + (i - centre) / factor;
            int floor = (int) Math.floor(source);
            lower[i] = floor;
            upper[i] = Math.min(n - 1, floor + 1);
            fraction[i] = (float) (source - floor);
        }
    }

    @Override
    String describe(int severity) {
        return "factors=1.00.." + String.format(Locale.ROOT, "%.2f", LARGEST_FACTOR[severity - 1]) + " step " + STEP;
    }
}
