package io.robustlab.core.corruption;

/**
 * Correlation of each channel with a kernel, reading outside the image as a {@link Border} says:
 * {@code out(y, x) = sum_k w_k * in(y + dy_k, x + dx_k)}.
 */
final class Convolution {

    private Convolution() {
    }

    /** A kernel as its non-zero taps: weight {@code weights[k]} at offset {@code (dy[k], dx[k])}. */
    record Taps(int[] dy, int[] dx, float[] weights) {

        /**
         * The entries of a dense kernel whose centre is at {@code (centre, centre)}, without those below a millionth
         * of the largest (Gaussian tails; they would only add subnormal floats, which are slow to multiply),
         * scaled back to the dense kernel's sum.
         */
        static Taps of(double[][] dense, int centre) {
            double largest = 0;
            double total = 0;
            for (double[] row : dense) {
                for (double w : row) {
                    largest = Math.max(largest, Math.abs(w));
                    total += w;
                }
            }
            double cutoff = largest * 1e-6;
            int count = 0;
            double kept = 0;
            for (double[] row : dense) {
                for (double w : row) {
                    if (Math.abs(w) >= cutoff && w != 0) {
                        count++;
                        kept += w;
                    }
                }
            }
            int[] dy = new int[count];
            int[] dx = new int[count];
            float[] weights = new float[count];
            int k = 0;
            for (int y = 0; y < dense.length; y++) {
                for (int x = 0; x < dense[y].length; x++) {
                    double w = dense[y][x];
                    if (Math.abs(w) >= cutoff && w != 0) {
                        dy[k] = y - centre;
                        dx[k] = x - centre;
                        weights[k++] = (float) (w * total / kept);
                    }
                }
            }
            return new Taps(dy, dx, weights);
        }

        int reach() {
            int reach = 0;
            for (int k = 0; k < weights.length; k++) {
                reach = Math.max(reach, Math.max(Math.abs(dy[k]), Math.abs(dx[k])));
            }
            return reach;
        }
    }

    /** Correlates every channel of {@code in} with {@code taps} into {@code out}. */
    static void apply(float[] in, float[] out, ImageShape shape, Taps taps, Border border) {
        int h = shape.height();
        int w = shape.width();
        int pad = taps.reach();
        int[] rows = border.padded(h, pad);
        int[] columns = border.padded(w, pad);
        int[] dy = taps.dy();
        int[] dx = taps.dx();
        float[] weights = taps.weights();
        for (int c = 0; c < shape.channels(); c++) {
            int base = c * shape.plane();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float sum = 0;
                    for (int k = 0; k < weights.length; k++) {
                        sum += weights[k] * in[base + rows[y + pad + dy[k]] * w + columns[x + pad + dx[k]]];
                    }
                    out[base + y * w + x] = sum;
                }
            }
        }
    }

    /** Correlates every channel with {@code kernel} along rows, then along columns (odd length, centred). */
    static void separable(float[] in, float[] out, ImageShape shape, float[] kernel, Border border) {
        int h = shape.height();
        int w = shape.width();
        int r = kernel.length / 2;
        int[] rows = border.padded(h, r);
        int[] columns = border.padded(w, r);
        float[] pass = new float[shape.plane()];
        for (int c = 0; c < shape.channels(); c++) {
            int base = c * shape.plane();
            for (int y = 0; y < h; y++) {
                int row = base + y * w;
                for (int x = 0; x < w; x++) {
                    float sum = 0;
                    for (int k = 0; k < kernel.length; k++) {
                        sum += kernel[k] * in[row + columns[x + k]];
                    }
                    pass[y * w + x] = sum;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float sum = 0;
                    for (int k = 0; k < kernel.length; k++) {
                        sum += kernel[k] * pass[rows[y + k] * w + x];
                    }
                    out[base + y * w + x] = sum;
                }
            }
        }
    }

    /**
     * The normalised Gaussian {@code exp(-i²/(2 sigma²))} for {@code |i| <= radius}; SciPy and scikit-image use
     * {@code radius = (int) (truncate * sigma + 0.5)}. Sigma 0 is the identity.
     */
    static float[] gaussian(double sigma, int radius) {
        if (sigma <= 0 || radius <= 0) {
            return new float[] {1f};
        }
        double[] weights = new double[2 * radius + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++) {
            weights[i + radius] = StrictMath.exp(-0.5 * i * i / (sigma * sigma));
            total += weights[i + radius];
        }
        float[] kernel = new float[weights.length];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (float) (weights[i] / total);
        }
        return kernel;
    }

    /** {@link #gaussian(double, int)} with SciPy's radius for {@code truncate} standard deviations. */
    static float[] gaussian(double sigma, double truncate) {
        return gaussian(sigma, (int) (truncate * sigma + 0.5));
    }
}
