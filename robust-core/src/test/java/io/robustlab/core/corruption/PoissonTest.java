package io.robustlab.core.corruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoissonTest {

    @Test
    void drawsHaveThePoissonMeanVarianceAndMode() {
        var random = new SplittableRandom(3);
        int n = 200_000;
        // both sides of the switch from multiplication to transformed rejection at 10, and past the rates used
        for (double mean : new double[] {0.3, 4, 9.99, 10, 30, 60, 250}) {
            double sum = 0;
            double squares = 0;
            int mode = (int) Math.floor(mean);
            int atMode = 0;
            for (int i = 0; i < n; i++) {
                long k = Poisson.sample(mean, random);
                assertThat(k).isNotNegative();
                sum += k;
                squares += (double) k * k;
                atMode += k == mode ? 1 : 0;
            }
            double sampleMean = sum / n;
            double variance = squares / n - sampleMean * sampleMean;
            assertThat(sampleMean).as("mean of Poisson(%s)", mean).isCloseTo(mean, within(5 * Math.sqrt(mean / n)));
            // the variance of a sample variance of a Poisson is about (mean + 2 mean²) / n
            assertThat(variance).as("variance of Poisson(%s)", mean)
                    .isCloseTo(mean, within(5 * Math.sqrt((mean + 2 * mean * mean) / n)));
            double p = Math.exp(-mean + mode * Math.log(mean) - Poisson.logFactorial(mode));
            assertThat((double) atMode / n).as("P(k = %d) of Poisson(%s)", mode, mean)
                    .isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / n)));
        }
        assertThat(Poisson.sample(0, random)).isZero();
    }

    @Test
    void logFactorialIsExactInTheTableAndStirlingBeyond() {
        assertThat(Poisson.logFactorial(0)).isZero();
        assertThat(Poisson.logFactorial(1)).isZero();
        assertThat(Poisson.logFactorial(5)).isCloseTo(Math.log(120), within(1e-12));
        double byTable = 0;
        for (int k = 2; k <= 300; k++) {
            byTable += Math.log(k);
        }
        assertThat(Poisson.logFactorial(300)).isCloseTo(byTable, within(1e-9));
    }
}
