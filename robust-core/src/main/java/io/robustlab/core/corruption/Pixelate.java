package io.robustlab.core.corruption;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The image shrunk to {@code floor(side * factor)} pixels a side and enlarged back, both with Pillow's {@code BOX}
 * filter, as ImageNet-C does: shrinking averages, with equal weights, the pixels whose centres fall in each small
 * pixel, and enlarging copies the small pixel each centre falls in. Both steps use the same blocks, so every
 * block of the output is the mean of the input over it. Factors from MNIST-C (the ImageNet-C factors applied to
 * 28×28 images).
 */
final class Pixelate extends BoundedCorruption {

    static final double[] FACTOR = {0.6, 0.5, 0.4, 0.3, 0.25};

    Pixelate() {
        super("pixelate", false);
    }

    @Override
    void corrupt(float[] image, float[] out, ImageShape shape, int severity, SplittableRandom random) {
        int h = shape.height();
        int w = shape.width();
        int sh = smallSide(h, severity);
        int sw = smallSide(w, severity);
        int[] blockRow = new int[h];
        int[] blockColumn = new int[w];
        for (int y = 0; y < h; y++) {
            blockRow[y] = block(y, h, sh);
        }
        for (int x = 0; x < w; x++) {
            blockColumn[x] = block(x, w, sw);
        }
        float[] sums = new float[sh * sw];
        int[] counts = new int[sh * sw];
        for (int c = 0; c < shape.channels(); c++) {
            int base = c * shape.plane();
            Arrays.fill(sums, 0f);
            Arrays.fill(counts, 0);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int b = blockRow[y] * sw + blockColumn[x];
                    sums[b] += image[base + y * w + x];
                    counts[b]++;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int b = blockRow[y] * sw + blockColumn[x];
                    out[base + y * w + x] = sums[b] / counts[b];
                }
            }
        }
    }

    static int smallSide(int side, int severity) {
        return Math.max(1, (int) (side * FACTOR[severity - 1]));
    }

    /** The small pixel, of {@code small}, in which the centre of pixel {@code i} of {@code n} falls. */
    static int block(int i, int n, int small) {
        return (int) ((i + 0.5) * small / n);
    }

    @Override
    String describe(int severity) {
        return "factor=" + FACTOR[severity - 1];
    }
}
