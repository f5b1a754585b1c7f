package io.robustlab.core.corruption;

import java.util.SplittableRandom;

/**
 * Poisson draws: multiplication of uniforms (Knuth) for small means, and for means from 10 on the
 * transformed rejection with squeeze of Hörmann (1993), "The transformed rejection method for generating
 * Poisson random variables", Insurance: Mathematics and Economics 12(1), the method NumPy uses too.
 */
final class Poisson {

    private static final double SMALL_MEAN = 10;
    private static final double[] LOG_FACTORIAL = new double[256];

    static {
        for (int k = 2; k < LOG_FACTORIAL.length; k++) {
            LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + StrictMath.log(k);
        }
    }

    private Poisson() {
    }

    /** A draw from Poisson({@code mean}), {@code mean >= 0}. */
    static long sample(double mean, SplittableRandom random) {
        if (mean <= 0) {
            return 0;
        }
        return mean < SMALL_MEAN ? byMultiplication(mean, random) : byTransformedRejection(mean, random);
    }

    private static long byMultiplication(double mean, SplittableRandom random) {
        double limit = StrictMath.exp(-mean);
        double product = random.nextDouble();
        long k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    private static long byTransformedRejection(double mean, SplittableRandom random) {
        double logMean = StrictMath.log(mean);
        double b = 0.931 + 2.53 * Math.sqrt(mean);
        double a = -0.059 + 0.02483 * b;
        double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double acceptBelow = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= acceptBelow) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (StrictMath.log(v * inverseAlpha / (a / (us * us) + b)) <= -mean + k * logMean - logFactorial(k)) {
                return k;
            }
        }
    }

    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL.length) {
            return LOG_FACTORIAL[(int) k];
        }
        double n = k;
        // Stirling's series; past 255 its error is below 1e-15
        return n * StrictMath.log(n) - n + 0.5 * StrictMath.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n * n * n);
    }
}
