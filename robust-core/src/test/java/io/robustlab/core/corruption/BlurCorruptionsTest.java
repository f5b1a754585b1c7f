package io.robustlab.core.corruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlurCorruptionsTest {

    private static final List<String> BLURS = List.of("gaussian-blur", "defocus-blur", "motion-blur", "zoom-blur");

    @Test
    void blursLeaveAConstantImageAlone() {
        for (String name : BLURS) {
            for (ImageShape shape : List.of(TestImages.GRAY, TestImages.RGB, new ImageShape(1, 5, 7))) {
                float[] gray = TestImages.constant(shape, 0.37f);
                for (int severity = 1; severity <= 5; severity++) {
                    float[] out = Corruptions.named(name).apply(gray, shape, severity, 3L, 0);
                    for (float v : out) {
                        assertThat(v).as("%s at %d on %s", name, severity, shape).isCloseTo(0.37f, within(1e-5f));
                    }
                }
            }
        }
    }

    @Test
    void kernelBlursKeepTheMeanOfContentAwayFromTheBorders() {
        // a textured patch in the middle of a black 64x64 image: no kernel (motion blur reaches 18 px) carries
        // any of it past the border
        var shape = new ImageShape(3, 64, 64);
        float[] image = new float[shape.size()];
        var random = new SplittableRandom(5);
        for (int c = 0; c < 3; c++) {
            for (int y = 26; y < 38; y++) {
                for (int x = 26; x < 38; x++) {
                    image[c * shape.plane() + y * 64 + x] = 0.2f + 0.6f * random.nextFloat();
                }
            }
        }
        double before = NoiseCorruptionsTest.mean(image);
        for (String name : List.of("gaussian-blur", "defocus-blur", "motion-blur")) {
            for (int severity = 1; severity <= 5; severity++) {
                float[] out = Corruptions.named(name).apply(image, shape, severity, 8L, severity);
                assertThat(NoiseCorruptionsTest.mean(out)).as("%s at %d", name, severity)
                        .isCloseTo(before, within(1e-5));
            }
        }
    }

    @Test
    void gaussianKernelsFollowScipysTruncation() {
        for (double sigma : GaussianBlur.SIGMA) {
            float[] kernel = Convolution.gaussian(sigma, 4.0);
            assertThat(kernel).hasSize(2 * (int) (4 * sigma + 0.5) + 1);
            assertThat(sum(kernel)).isCloseTo(1f, within(1e-6f));
            int r = kernel.length / 2;
            assertThat(kernel[r + 1] / kernel[r]).isCloseTo((float) Math.exp(-0.5 / (sigma * sigma)), within(1e-6f));
        }
        assertThat(Convolution.gaussian(0, 3.0)).containsExactly(1f);
    }

    @Test
    void defocusKernelsAreNormalisedSymmetricDisks() {
        for (int s = 0; s < 5; s++) {
            Convolution.Taps taps = DefocusBlur.kernel(DefocusBlur.RADIUS[s], DefocusBlur.ALIAS_SIGMA[s]);
            assertThat(sum(taps.weights())).isCloseTo(1f, within(1e-5f));
            float[][] dense = dense(taps, 3);
            for (int y = 0; y < 7; y++) {
                for (int x = 0; x < 7; x++) {
                    assertThat(dense[y][x]).isCloseTo(dense[x][y], within(1e-7f)).isCloseTo(dense[6 - y][x], within(1e-7f));
                }
            }
        }
        // radius 1.5 holds the 3x3 square, and alias sigma 0.1 barely touches it
        float[][] severity5 = dense(DefocusBlur.kernel(1.5, 0.1), 3);
        assertThat(severity5[3][3]).isCloseTo(1f / 9, within(1e-4f));
        assertThat(severity5[2][2]).isCloseTo(1f / 9, within(1e-4f));
        assertThat(severity5[1][3]).isCloseTo(0f, within(1e-4f));
        // radius 1 is the plus sign of five pixels
        float[][] severity4 = dense(DefocusBlur.kernel(1, 0.2), 3);
        assertThat(severity4[3][4]).isCloseTo(0.2f, within(0.01f));
        assertThat(severity4[2][2]).isCloseTo(0f, within(0.01f));
    }

    @Test
    void motionKernelIsAHalfGaussianTrailAlongTheAngle() {
        Convolution.Taps horizontal = MotionBlur.kernel(6, 2, 0);
        assertThat(horizontal.dy()).containsOnly(0);
        // 13 taps, of which the last two (below a millionth of the first) are dropped
        assertThat(horizontal.dx()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(sum(horizontal.weights())).isCloseTo(1f, within(1e-6f));
        for (int i = 1; i < 11; i++) {
            assertThat(horizontal.weights()[i] / horizontal.weights()[0])
                    .isCloseTo((float) Math.exp(-i * i / 8.0), within(1e-6f));
        }
        Convolution.Taps diagonal = MotionBlur.kernel(6, 2, Math.PI / 4);
        assertThat(sum(diagonal.weights())).isCloseTo(1f, within(1e-6f));
        for (int k = 0; k < diagonal.weights().length; k++) {
            assertThat(diagonal.dx()[k]).isNotNegative();
            assertThat(diagonal.dy()[k]).isNotNegative();
            assertThat(Math.abs(diagonal.dx()[k] - diagonal.dy()[k])).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void zoomBlurKeepsTheCentreAndUsesTheArangeFactors() {
        var shape = new ImageShape(1, 29, 29);
        float[] image = TestImages.scene(shape, 3);
        for (int severity = 1; severity <= 5; severity++) {
            float[] out = Corruptions.named("zoom-blur").apply(image, shape, severity, 1L, 0);
            assertThat(out[14 * 29 + 14]).as("centre at %d", severity).isCloseTo(image[14 * 29 + 14], within(1e-5f));
        }
        assertThat(ZoomBlur.LARGEST_FACTOR).containsExactly(1.06, 1.11, 1.15, 1.20, 1.25);
    }

    @Test
    void bordersReadAsTheirLibrariesDo() {
        int[] positions = {-3, -2, -1, 0, 1, 2, 3, 4, 5, 6};
        int[][] expected = {
            {0, 0, 0, 0, 1, 2, 3, 3, 3, 3}, // EDGE
            {2, 1, 0, 0, 1, 2, 3, 3, 2, 1}, // REFLECT
            {3, 2, 1, 0, 1, 2, 3, 2, 1, 0}, // MIRROR
        };
        for (Border border : Border.values()) {
            for (int k = 0; k < positions.length; k++) {
                assertThat(border.index(positions[k], 4)).as("%s at %d", border, positions[k])
                        .isEqualTo(expected[border.ordinal()][k]);
            }
            assertThat(border.index(-7, 1)).isZero();
            assertThat(border.index(9, 1)).isZero();
        }
    }

    private static float sum(float[] values) {
        float total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }

    private static float[][] dense(Convolution.Taps taps, int reach) {
        float[][] dense = new float[2 * reach + 1][2 * reach + 1];
        for (int k = 0; k < taps.weights().length; k++) {
            dense[taps.dy()[k] + reach][taps.dx()[k] + reach] = taps.weights()[k];
        }
        return dense;
    }
}
