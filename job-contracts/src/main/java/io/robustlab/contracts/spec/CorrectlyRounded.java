package io.robustlab.contracts.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.stream.IntStream;

/**
 * Powers rounded once to the nearest double, the same on every JVM and machine. Math.pow may differ between
 * platforms, and StrictMath.pow is often a unit in the last place off (2^1.5 gives 2.82842712474619, not
 * 2.8284271247461903): an epsilon grid must be the same bits wherever it is expanded, and the bits numpy's
 * logspace gives wherever numpy's pow is itself correctly rounded.
 */
final class CorrectlyRounded {

    /** 40 digits: the error left is far below the 17 a double holds, so the one final rounding decides. */
    private static final MathContext PRECISION = new MathContext(40, RoundingMode.HALF_EVEN);
    private static final BigDecimal NEGLIGIBLE = new BigDecimal("1e-45");
    /** 1/k for the series: a multiplication is far cheaper than a BigDecimal division. */
    private static final BigDecimal[] RECIPROCALS = IntStream.rangeClosed(0, 200)
            .mapToObj(k -> k == 0 ? BigDecimal.ZERO : BigDecimal.ONE.divide(BigDecimal.valueOf(k), PRECISION))
            .toArray(BigDecimal[]::new);
    private static final BigDecimal LN2 = lnOfReduced(new BigDecimal(2));
    private static final BigDecimal ONE_OVER_LN2 = BigDecimal.ONE.divide(LN2, PRECISION);
    /** e^r is computed as (e^(r/2^10))^(2^10): the series of the small argument needs a dozen terms. */
    private static final int SQUARINGS = 10;
    private static final BigDecimal TWO_TO_MINUS_SQUARINGS = new BigDecimal("0.0009765625");
    /** Beyond these, e^y is no finite double, or rounds to zero. */
    private static final double MAX_LN = 710;
    private static final double MIN_LN = -746;

    private CorrectlyRounded() {
    }

    /**
     * base^exponent, for a positive normal base, to the nearest double (ties to even).
     *
     * @throws IllegalArgumentException if base is not a positive normal finite double, or exponent not finite
     */
    static double pow(double base, double exponent) {
        return powers(base, new double[] {exponent})[0];
    }

    /** base^x for each exponent x, as {@link #pow}; ln(base) is computed once. */
    static double[] powers(double base, double[] exponents) {
        if (!(base >= Double.MIN_NORMAL && base < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("pow needs a positive normal base, not " + base);
        }
        BigDecimal lnBase = ln(base);
        double[] powers = new double[exponents.length];
        for (int i = 0; i < exponents.length; i++) {
            double exponent = exponents[i];
            if (!Double.isFinite(exponent)) {
                throw new IllegalArgumentException("pow needs a finite exponent, not " + exponent);
            }
            if (exponent == 0 || base == 1) {
                powers[i] = 1;
                continue;
            }
            BigDecimal y = lnBase.multiply(new BigDecimal(exponent), PRECISION); // both exact: one rounding
            double estimate = y.doubleValue();
            powers[i] = estimate > MAX_LN ? Double.POSITIVE_INFINITY
                    : estimate < MIN_LN ? 0
                    : exp(y).doubleValue(); // BigDecimal.doubleValue rounds correctly (JDK 19+)
        }
        return powers;
    }

    /** ln a = k·ln 2 + ln m, with a = m·2^k and m in [1, 2). */
    private static BigDecimal ln(double a) {
        int k = Math.getExponent(a);
        double m = Math.scalb(a, -k); // exact
        return LN2.multiply(BigDecimal.valueOf(k), PRECISION).add(lnOfReduced(new BigDecimal(m)), PRECISION);
    }

    /** ln m = 2·atanh(z), z = (m − 1)/(m + 1); for m in [1, 2], z ≤ 1/3 and the series converges fast. */
    private static BigDecimal lnOfReduced(BigDecimal m) {
        BigDecimal z = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), PRECISION);
        BigDecimal zSquared = z.multiply(z, PRECISION);
        BigDecimal power = z;
        BigDecimal sum = BigDecimal.ZERO;
        for (int n = 1; power.abs().compareTo(NEGLIGIBLE) > 0; n += 2) {
            sum = sum.add(power.multiply(RECIPROCALS[n], PRECISION), PRECISION);
            power = power.multiply(zSquared, PRECISION);
        }
        return sum.multiply(BigDecimal.TWO, PRECISION);
    }

    /** e^y = 2^n·e^r, with n the integer nearest y/ln 2, so |r| ≤ ln 2 / 2. */
    private static BigDecimal exp(BigDecimal y) {
        int n = y.multiply(ONE_OVER_LN2, PRECISION).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
        BigDecimal u = y.subtract(LN2.multiply(BigDecimal.valueOf(n), PRECISION), PRECISION)
                .multiply(TWO_TO_MINUS_SQUARINGS, PRECISION);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int k = 1; term.abs().compareTo(NEGLIGIBLE) > 0; k++) {
            term = term.multiply(u, PRECISION).multiply(RECIPROCALS[k], PRECISION);
            sum = sum.add(term, PRECISION);
        }
        for (int i = 0; i < SQUARINGS; i++) {
            sum = sum.multiply(sum, PRECISION);
        }
        // 2^n exactly: 2^n for n ≥ 0, and 5^−n / 10^−n for n < 0.
        BigDecimal twoToN = n >= 0 ? new BigDecimal(BigInteger.TWO.pow(n))
                : new BigDecimal(BigInteger.valueOf(5).pow(-n), -n);
        return sum.multiply(twoToN, PRECISION);
    }
}
