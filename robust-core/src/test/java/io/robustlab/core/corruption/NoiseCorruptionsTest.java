package io.robustlab.core.corruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The noise corruptions draw what the published formulas say, at the table's parameters. */
class NoiseCorruptionsTest {

    /** A mid-gray image with enough values for tight statistics. */
    private static final ImageShape LARGE = new ImageShape(3, 64, 64);
    private static final float[] MID_GRAY = TestImages.constant(LARGE, 0.5f);

    @Test
    void gaussianNoiseHasTheTablesSigmaBeforeClipping() {
        var noise = new GaussianNoise();
        for (int severity = 1; severity <= 5; severity++) {
            float[] out = unclipped(noise, severity);
            double sigma = GaussianNoise.SIGMA[severity - 1];
            int n = out.length;
            assertThat(mean(out) - 0.5).as("mean at %d", severity).isCloseTo(0, within(5 * sigma / Math.sqrt(n)));
            // the standard error of a sample standard deviation is about sigma / sqrt(2n)
            assertThat(standardDeviation(out)).as("sigma at %d", severity)
                    .isCloseTo(sigma, within(5 * sigma / Math.sqrt(2.0 * n)));
        }
        // at severity 1 clipping is negligible, so the public output shows the same sigma
        float[] clipped = noise.apply(MID_GRAY, LARGE, 1, 9L, 0);
        assertThat(standardDeviation(clipped)).isCloseTo(0.08, within(0.003));
    }

    @Test
    void speckleNoiseScalesWithTheValue() {
        var noise = new SpeckleNoise();
        for (int severity = 1; severity <= 5; severity++) {
            float[] out = unclipped(noise, severity);
            double sigma = 0.5 * SpeckleNoise.SCALE[severity - 1];
            assertThat(mean(out)).isCloseTo(0.5, within(5 * sigma / Math.sqrt(out.length)));
            assertThat(standardDeviation(out)).as("severity %d", severity)
                    .isCloseTo(sigma, within(5 * sigma / Math.sqrt(2.0 * out.length)));
        }
        float[] black = TestImages.constant(LARGE, 0f);
        assertThat(noise.apply(black, LARGE, 5, 1L, 0)).as("speckle leaves black black").containsOnly(0f);
    }

    @Test
    void shotNoiseCountsPhotonsAtTheTablesRate() {
        var noise = new ShotNoise();
        for (int severity = 1; severity <= 5; severity++) {
            double rate = ShotNoise.RATE[severity - 1];
            float[] out = unclipped(noise, severity);
            for (float v : out) {
                double photons = v * rate;
                assertThat(photons).isCloseTo(Math.rint(photons), within(1e-4));
            }
            // Poisson(x * rate) / rate has mean x and variance x / rate
            double variance = 0.5 / rate;
            assertThat(mean(out)).isCloseTo(0.5, within(5 * Math.sqrt(variance / out.length)));
            assertThat(standardDeviation(out) * standardDeviation(out)).as("severity %d", severity)
                    .isCloseTo(variance, within(0.05 * variance));
        }
    }

    @Test
    void impulseNoiseReplacesTheTablesFractionBySaltAndPepperAlike() {
        var noise = new ImpulseNoise();
        for (int severity = 1; severity <= 5; severity++) {
            double amount = ImpulseNoise.AMOUNT[severity - 1];
            float[] out = noise.apply(MID_GRAY, LARGE, severity, 13L, 0);
            int salt = 0;
            int pepper = 0;
            for (float v : out) {
                assertThat(v).isIn(0f, 0.5f, 1f);
                salt += v == 1f ? 1 : 0;
                pepper += v == 0f ? 1 : 0;
            }
            int n = out.length;
            assertThat((double) (salt + pepper) / n).as("fraction replaced at %d", severity)
                    .isCloseTo(amount, within(5 * Math.sqrt(amount * (1 - amount) / n)));
            int flipped = salt + pepper;
            assertThat((double) salt / flipped).isCloseTo(0.5, within(5 * Math.sqrt(0.25 / flipped)));
        }
    }

    private static float[] unclipped(BoundedCorruption noise, int severity) {
        float[] out = new float[MID_GRAY.length];
        noise.corrupt(MID_GRAY, out, LARGE, severity, new SplittableRandom(severity));
        return out;
    }

    static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double standardDeviation(float[] values) {
        double m = mean(values);
        double sum = 0;
        for (float v : values) {
            sum += (v - m) * (v - m);
        }
        return Math.sqrt(sum / (values.length - 1));
    }
}
