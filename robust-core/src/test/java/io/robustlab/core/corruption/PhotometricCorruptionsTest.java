package io.robustlab.core.corruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Brightness and contrast, checked against their formulas exactly. */
class PhotometricCorruptionsTest {

    private static final Corruption BRIGHTNESS = Corruptions.named("brightness");
    private static final Corruption CONTRAST = Corruptions.named("contrast");

    @Test
    void brightnessAddsToGrayAndClipsAtOne() {
        for (int severity = 1; severity <= 5; severity++) {
            double shift = Brightness.SHIFT[severity - 1];
            float[] dark = BRIGHTNESS.apply(TestImages.constant(TestImages.GRAY, 0.3f), TestImages.GRAY, severity, 0L, 0);
            assertThat(dark).containsOnly((float) (0.3f + shift));
            float[] light = BRIGHTNESS.apply(TestImages.constant(TestImages.GRAY, 0.8f), TestImages.GRAY, severity, 0L, 0);
            assertThat(light).containsOnly((float) Math.min(1, 0.8f + shift));
        }
    }

    @Test
    void brightnessRaisesTheHsvValueOfColourKeepingHueAndSaturation() {
        var shape = new ImageShape(3, 2, 2);
        float[] image = {0.2f, 0.2f, 0.2f, 0f, 0.4f, 0.4f, 0.4f, 0f, 0.6f, 0.6f, 0.6f, 0f};
        for (int severity = 1; severity <= 5; severity++) {
            double shift = Brightness.SHIFT[severity - 1];
            float[] out = BRIGHTNESS.apply(image, shape, severity, 0L, 0);
            double value = Math.min(1, 0.6 + shift);
            assertThat(out[0]).isCloseTo((float) (0.2 * value / 0.6), within(1e-6f));
            assertThat(out[4]).isCloseTo((float) (0.4 * value / 0.6), within(1e-6f));
            assertThat(out[8]).isCloseTo((float) value, within(1e-6f));
            // black has no hue: it becomes gray at the new value
            assertThat(new float[] {out[3], out[7], out[11]}).containsOnly((float) shift);
        }
    }

    @Test
    void contrastLeavesAConstantImageAndScalesAroundEachChannelsMean() {
        for (int severity = 1; severity <= 5; severity++) {
            float[] flat = TestImages.constant(TestImages.RGB, 0.42f);
            assertThat(CONTRAST.apply(flat, TestImages.RGB, severity, 0L, 0)).containsOnly(0.42f);
        }
        // channel 0: half 0.2, half 0.8 (mean 0.5); channel 1: 0 and 0.4 (mean 0.2); channel 2: constant 0.9
        var shape = new ImageShape(3, 2, 2);
        float[] image = {0.2f, 0.2f, 0.8f, 0.8f, 0f, 0.4f, 0f, 0.4f, 0.9f, 0.9f, 0.9f, 0.9f};
        for (int severity = 1; severity <= 5; severity++) {
            double c = Contrast.FACTOR[severity - 1];
            float[] out = CONTRAST.apply(image, shape, severity, 0L, 0);
            assertThat(out[0]).isCloseTo((float) (0.5 - 0.3 * c), within(1e-6f));
            assertThat(out[3]).isCloseTo((float) (0.5 + 0.3 * c), within(1e-6f));
            assertThat(out[4]).isCloseTo((float) (0.2 - 0.2 * c), within(1e-6f));
            assertThat(out[5]).isCloseTo((float) (0.2 + 0.2 * c), within(1e-6f));
            assertThat(out[10]).isCloseTo(0.9f, within(1e-6f));
        }
    }
}
