package io.robustlab.contracts.spec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Prints a double the way ECMAScript's Number.prototype.toString does, as the JSON Canonicalization
 * Scheme requires (Rundgren, Jordan and Erdtman 2020, RFC 8785, section 3.2.2.3): the shortest digits
 * that read back to the same double, no {@code .0} on integers, an exponent only below 1e-6 or from 1e21.
 * So 0.1 prints {@code 0.1}, 1.0 prints {@code 1} and 1e-8 prints {@code 1e-8}, on every JVM and forever:
 * the spec hash depends on it.
 */
final class CanonicalNumber {

    private CanonicalNumber() {
    }

    static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no number for " + value);
        }
        if (value == 0) {
            return "0"; // -0 too, as ECMAScript prints it
        }
        // Since JDK 19 Double.toString gives the shortest digits that round-trip (JDK-4511638), but never
        // fewer than two: where one digit would do (4.9e-324 for 5e-324), ECMAScript takes the one digit.
        double magnitude = Math.abs(value);
        BigDecimal decimal = new BigDecimal(Double.toString(magnitude)).stripTrailingZeros();
        BigDecimal oneDigit = decimal.round(new MathContext(1, RoundingMode.HALF_EVEN));
        if (decimal.precision() == 2 && Double.parseDouble(oneDigit.toString()) == magnitude) {
            decimal = oneDigit;
        }
        String digits = decimal.unscaledValue().toString();
        int k = digits.length();
        int n = k - decimal.scale(); // value = 0.digits × 10^n
        String sign = value < 0 ? "-" : "";
        if (k <= n && n <= 21) {
            return sign + digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return sign + digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return sign + "0." + "0".repeat(-n) + digits;
        }
        String exponent = (n - 1 < 0 ? "-" : "+") + Math.abs(n - 1);
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + exponent;
    }
}
