package io.robustlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.robustlab.contracts.spec.DatasetSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {

    private static final DataLocations NOWHERE = DataLocations.only(Path.of("/nonexistent"));

    private static Dataset gaussian(int n, int d, double mu, double sigma, long seed) {
        return Datasets.load(new DatasetSpec("gaussian", n, n / 2, seed, null, d, mu, sigma, null), NOWHERE);
    }

    private static Dataset bernoulli(int n, int d, double tau, long seed) {
        return Datasets.load(new DatasetSpec("bernoulli", n, n / 2, seed, null, d, null, null, tau), NOWHERE);
    }

    @Test
    void gaussianClassesAreCentredOnPlusAndMinusMuWithStandardDeviationSigma() {
        int n = 20_000;
        int d = 5;
        Dataset dataset = gaussian(n, d, 0.7, 1.5, 11);

        assertThat(dataset.exampleShape()).containsExactly(d);
        assertThat(dataset.classes()).isEqualTo(2);
        assertThat(dataset.train().size()).isEqualTo(n);
        assertThat(dataset.test().size()).isEqualTo(n / 2);
        for (ExampleSet split : new ExampleSet[] {dataset.train(), dataset.test()}) {
            double[] sum = new double[2];
            double[] squares = new double[2];
            int[] count = new int[2];
            for (int i = 0; i < split.size(); i++) {
                int c = split.labels()[i];
                count[c]++;
                for (int j = 0; j < d; j++) {
                    double x = split.features()[i * d + j];
                    sum[c] += x;
                    squares[c] += x * x;
                }
            }
            for (int c = 0; c < 2; c++) {
                double values = (double) count[c] * d;
                double mean = sum[c] / values;
                double std = Math.sqrt(squares[c] / values - mean * mean);
                assertThat(mean).isCloseTo(c == 1 ? 0.7 : -0.7, within(0.05));
                assertThat(std).isCloseTo(1.5, within(0.05));
            }
            assertThat((double) count[1] / split.size()).isCloseTo(0.5, within(0.02));
        }
    }

    @Test
    void gaussianFeaturesAreNotClipped() {
        Dataset dataset = gaussian(2_000, 4, 3, 1, 1);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float x : dataset.train().features()) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertThat(min).isLessThan(-3);
        assertThat(max).isGreaterThan(3);
    }

    @Test
    void bernoulliFeaturesAgreeWithYThetaAtRateOnePlusTauOverTwo() {
        int n = 20_000;
        int d = 10;
        double tau = 0.4;
        Dataset dataset = bernoulli(n, d, tau, 5);

        // theta is the same for both splits: recover it from the class-1 mean of the training split
        ExampleSet train = dataset.train();
        double[] mean = new double[d];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            if (train.labels()[i] == 1) {
                positives++;
                for (int j = 0; j < d; j++) {
                    mean[j] += train.features()[i * d + j];
                }
            }
        }
        int[] theta = new int[d];
        for (int j = 0; j < d; j++) {
            theta[j] = mean[j] > 0 ? 1 : -1;
        }
        assertThat((double) positives / n).isCloseTo(0.5, within(0.02));
        for (ExampleSet split : new ExampleSet[] {dataset.train(), dataset.test()}) {
            long agree = 0;
            for (int i = 0; i < split.size(); i++) {
                int y = 2 * split.labels()[i] - 1;
                for (int j = 0; j < d; j++) {
                    float x = split.features()[i * d + j];
                    assertThat(Math.abs(x)).isEqualTo(1f);
                    if (x == y * theta[j]) {
                        agree++;
                    }
                }
            }
            assertThat((double) agree / ((long) split.size() * d)).isCloseTo((1 + tau) / 2, within(0.01));
        }
    }

    @Test
    void theSameSeedDrawsTheSameDataAndTrainDiffersFromTest() {
        Dataset a = gaussian(100, 3, 1, 1, 42);
        Dataset b = gaussian(100, 3, 1, 1, 42);
        Dataset c = gaussian(100, 3, 1, 1, 43);

        assertThat(a.train().features()).isEqualTo(b.train().features());
        assertThat(a.test().labels()).isEqualTo(b.test().labels());
        assertThat(a.train().features()).isNotEqualTo(c.train().features());
        assertThat(java.util.Arrays.copyOf(a.train().features(), 150)).isNotEqualTo(a.test().features());
        assertThat(bernoulli(50, 4, 0.2, 7).train().features()).isEqualTo(bernoulli(50, 4, 0.2, 7).train().features());
    }

    @Test
    void requiredParametersAreNamedWhenMissing() {
        assertThatThrownBy(() -> Datasets.load(new DatasetSpec("gaussian", 10, 10, 0L, null, 3, null, 1.0, null), NOWHERE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mu");
        assertThatThrownBy(() -> Datasets.load(new DatasetSpec("gaussian", 10, 10, 0L, null, 3, 1.0, null, null), NOWHERE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma");
        assertThatThrownBy(() -> Datasets.load(new DatasetSpec("gaussian", 10, 10, 0L, null, null, 1.0, 1.0, null), NOWHERE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
        assertThatThrownBy(() -> Datasets.load(new DatasetSpec("gaussian", null, 10, 0L, null, 3, 1.0, 1.0, null), NOWHERE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trainSize");
        assertThatThrownBy(() -> Datasets.load(new DatasetSpec("bernoulli", 10, null, 0L, null, 3, null, null, 0.1), NOWHERE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("testSize");
        assertThatThrownBy(() -> Datasets.load(new DatasetSpec("bernoulli", 10, 10, 0L, null, 3, null, null, null), NOWHERE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tau");
        assertThatThrownBy(() -> Datasets.load(new DatasetSpec("bernoulli", 10, 10, 0L, null, 3, null, null, 1.5), NOWHERE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tau");
    }

    @Test
    void seedDefaultsToZero() {
        Dataset implicit = Datasets.load(new DatasetSpec("gaussian", 20, 5, null, null, 2, 1.0, 1.0, null), NOWHERE);

        assertThat(implicit.train().features()).isEqualTo(gaussian(20, 2, 1, 1, 0).train().features());
    }
}
