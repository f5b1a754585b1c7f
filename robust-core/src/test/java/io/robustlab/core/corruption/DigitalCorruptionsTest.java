package io.robustlab.core.corruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pixelate, JPEG and the elastic transform. */
class DigitalCorruptionsTest {

    @Test
    void pixelateIsConstantOnBlocksHoldingTheBlockMeans() {
        for (ImageShape shape : new ImageShape[] {TestImages.GRAY, TestImages.RGB, new ImageShape(1, 9, 13)}) {
            float[] image = TestImages.uniform(shape, 17);
            for (int severity = 1; severity <= 5; severity++) {
                float[] out = Corruptions.named("pixelate").apply(image, shape, severity, 0L, 0);
                int sh = Pixelate.smallSide(shape.height(), severity);
                int sw = Pixelate.smallSide(shape.width(), severity);
                for (int c = 0; c < shape.channels(); c++) {
                    double[] sums = new double[sh * sw];
                    int[] counts = new int[sh * sw];
                    float[] blockValue = new float[sh * sw];
                    Arrays.fill(blockValue, Float.NaN);
                    for (int y = 0; y < shape.height(); y++) {
                        for (int x = 0; x < shape.width(); x++) {
                            int b = Pixelate.block(y, shape.height(), sh) * sw + Pixelate.block(x, shape.width(), sw);
                            int p = c * shape.plane() + y * shape.width() + x;
                            if (Float.isNaN(blockValue[b])) {
                                blockValue[b] = out[p];
                            }
                            assertThat(out[p]).as("%s at %d: block %d", shape, severity, b).isEqualTo(blockValue[b]);
                            sums[b] += image[p];
                            counts[b]++;
                        }
                    }
                    for (int b = 0; b < sums.length; b++) {
                        assertThat(counts[b]).as("every small pixel covers a block").isPositive();
                        assertThat(blockValue[b]).isCloseTo((float) (sums[b] / counts[b]), within(1e-5f));
                    }
                }
            }
        }
        // 28 pixels at factor 0.5: 14 blocks of exactly 2x2
        assertThat(Pixelate.smallSide(28, 2)).isEqualTo(14);
        assertThat(Pixelate.smallSide(32, 1)).isEqualTo(19);
    }

    @Test
    void jpegAtQuality100IsCloseToIdentity() {
        for (ImageShape shape : new ImageShape[] {TestImages.GRAY, TestImages.RGB}) {
            float[] image = TestImages.scene(shape, 8);
            float[] out = new float[image.length];
            JpegCompression.roundTrip(image, out, shape, 100);
            double mean = TestImages.meanAbsoluteChange(image, out);
            double max = 0;
            for (int i = 0; i < image.length; i++) {
                max = Math.max(max, Math.abs(out[i] - image[i]));
            }
            // gray: 8-bit rounding and DCT rounding only; RGB also halves chroma resolution (4:2:0)
            assertThat(mean).as("mean change on %s", shape).isLessThan(shape.channels() == 1 ? 0.004 : 0.015);
            assertThat(max).as("largest change on %s", shape).isLessThan(shape.channels() == 1 ? 0.02 : 0.12);
        }
    }

    @Test
    void jpegDecodesToEightBitLevelsAndLowerQualityChangesMore() {
        float[] image = TestImages.scene(TestImages.GRAY, 9);
        double previous = 0;
        for (int quality : new int[] {100, 75, 50, 25, 7}) {
            float[] out = new float[image.length];
            JpegCompression.roundTrip(image, out, TestImages.GRAY, quality);
            for (float v : out) {
                assertThat(v * 255).isCloseTo(Math.round(v * 255), within(1e-3f));
            }
            double change = TestImages.meanAbsoluteChange(image, out);
            assertThat(change).as("quality %d", quality).isGreaterThan(previous);
            previous = change;
        }
    }

    @Test
    void affineStepIsTheIdentityWithoutShiftAndNearItWithASmallOne() {
        double[] identity = ElasticTransform.randomAffineInverse(28, 28, 0, new SplittableRandom(1));
        assertThat(identity).containsExactly(new double[] {1, 0, 0, 0, 1, 0}, within(1e-12));
        double[] map = ElasticTransform.randomAffineInverse(28, 28, 0.84, new SplittableRandom(2));
        // moving three points 9 px from the centre by at most 0.84 px keeps the map within ~0.2 of the identity
        assertThat(map[0]).isCloseTo(1, within(0.2));
        assertThat(map[4]).isCloseTo(1, within(0.2));
        assertThat(map[1]).isCloseTo(0, within(0.2));
        assertThat(map[3]).isCloseTo(0, within(0.2));
    }

    @Test
    void elasticTransformMovesPixelsButNotAConstantImage() {
        Corruption elastic = Corruptions.named("elastic-transform");
        for (int severity = 1; severity <= 5; severity++) {
            float[] flat = TestImages.constant(TestImages.RGB, 0.6f);
            for (float v : elastic.apply(flat, TestImages.RGB, severity, 4L, 0)) {
                assertThat(v).isCloseTo(0.6f, within(1e-5f));
            }
            float[] scene = TestImages.scene(TestImages.RGB, 5);
            assertThat(TestImages.meanAbsoluteChange(scene, elastic.apply(scene, TestImages.RGB, severity, 4L, 0)))
                    .as("severity %d", severity).isGreaterThan(0.005);
        }
    }
}
