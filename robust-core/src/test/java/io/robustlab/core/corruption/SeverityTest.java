package io.robustlab.core.corruption;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.core.data.ExampleSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Severity means something: on typical images the mean absolute change from the clean image does not fall from
 * one severity to the next, and severity 5 changes clearly more than severity 1.
 *
 * <p>"Does not fall" is judged per image pair: the mean over images of (change at s+1 − change at s) must not be
 * below −3 standard errors. Two steps of the tables are flat: motion blur 3→4 only lengthens a kernel by taps that
 * weigh below 1e-9 (so the two severities are the same corruption, in ImageMagick as here), and elastic 1→2 adds a
 * field of ~0.02 px. Fresh randomness per severity makes their differences noise around zero, hence the margin; a
 * real decrease, like the published CIFAR-10-C elastic table's 0.112 → 0.100 → 0.096 → 0.084 → 0.073 on
 * Fashion-MNIST, lies many standard errors below it.
 */
class SeverityTest {

    private static final long SEED = 1;

    @Test
    void changeGrowsWithSeverityOnGeneratedGrayImages() {
        assertGrowing(scenes(TestImages.GRAY, 30), TestImages.GRAY, "generated gray scenes");
    }

    @Test
    void changeGrowsWithSeverityOnGeneratedRgbImages() {
        assertGrowing(scenes(TestImages.RGB, 30), TestImages.RGB, "generated RGB scenes");
    }

    @Test
    void changeGrowsWithSeverityOnRealFashionMnist() {
        ExampleSet fashion = TestImages.fashionMnist(50);
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < fashion.size(); i++) {
            images.add(TestImages.example(fashion, i));
        }
        assertGrowing(images, TestImages.GRAY, "Fashion-MNIST");
    }

    private static List<float[]> scenes(ImageShape shape, int count) {
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            images.add(TestImages.scene(shape, 1000 + i));
        }
        return images;
    }

    private static void assertGrowing(List<float[]> images, ImageShape shape, String what) {
        for (Corruption corruption : Corruptions.all()) {
            double[][] change = new double[6][images.size()];
            for (int severity = 1; severity <= 5; severity++) {
                for (int i = 0; i < images.size(); i++) {
                    float[] clean = images.get(i);
                    change[severity][i] = TestImages.meanAbsoluteChange(clean,
                            corruption.apply(clean, shape, severity, SEED, i));
                }
            }
            StringBuilder means = new StringBuilder();
            for (int severity = 1; severity <= 5; severity++) {
                means.append(String.format(" %.4f", mean(change[severity])));
            }
            String context = corruption + " on " + what + ", mean change by severity:" + means;
            System.out.println(context);
            for (int severity = 1; severity < 5; severity++) {
                double[] step = new double[images.size()];
                for (int i = 0; i < step.length; i++) {
                    step[i] = change[severity + 1][i] - change[severity][i];
                }
                double standardError = standardDeviation(step) / Math.sqrt(step.length);
                assertThat(mean(step)).as("%s; step %d→%d", context, severity, severity + 1)
                        .isGreaterThanOrEqualTo(-3 * standardError);
            }
            assertThat(mean(change[1])).as(context).isPositive();
            assertThat(mean(change[5])).as(context).isGreaterThan(1.2 * mean(change[1]));
        }
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double standardDeviation(double[] values) {
        double m = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - m) * (v - m);
        }
        return Math.sqrt(sum / (values.length - 1));
    }
}
