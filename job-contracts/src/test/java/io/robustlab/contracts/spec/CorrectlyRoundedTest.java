package io.robustlab.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * base^x to the nearest double. The expected values are Python's decimal power at 80 digits, rounded once to a
 * double; the comments say where numpy 2.4 (AVX-512 build) or glibc's pow give the neighbouring double instead.
 */
class CorrectlyRoundedTest {

    @ParameterizedTest(name = "{0}^{1} = {2}")
    @CsvSource(textBlock = """
            2.0,                -5.754226354293119,  0.018527006996394067     # glibc: 0.01852700699639407
            10.0,               -9.040989816902542,  9.099346080268965e-10    # glibc: 9.099346080268966e-10
            2.0,                -3.3882627891824306, 0.09550613436995865      # glibc: 0.09550613436995867
            10.0,               9.845913084340342,   7013149297.249947        # glibc: 7013149297.249946
            10.0,               -4.629831631380945,  2.3451378093387812e-05   # glibc: 2.345137809338781e-05
            10.0,               -0.9633535880086939, 0.10880438837647016      # numpy: 0.10880438837647015
            10.0,               -3.3482874907330418, 0.000448448431405329     # numpy: 0.00044844843140532894
            10.0,               -7.45557815445443,   3.502852462485611e-08    # numpy: 3.50285246248561e-08
            2.0,                -4.61612143942318,   0.040776409600480006     # numpy: 0.04077640960048
            10.0,               8.884786932249664,   766985109.0656979        # numpy: 766985109.0656978
            2.718281828459045,  17.914614,           60286213.27595384
            1.5,                6.037379,            11.564574800255283
            10.0,               -18.500174,          3.1610109480076686e-19
            7.25,               17.908358,           2554118381837747.5
            2.0,                1.5,                 2.8284271247461903
            10.0,               -0.5,                0.31622776601683794
            2.0,                3,                   8
            10.0,               -3,                  0.001
            2.0,                1023.5,              1.2711610061536464e+308
            10.0,               -323.5,              5e-324
            """, delimiter = ',', ignoreLeadingAndTrailingWhitespace = true)
    void roundsOnce(double base, double exponent, String expected) {
        assertThat(CorrectlyRounded.pow(base, exponent)).isEqualTo(Double.parseDouble(expected.split("#")[0].trim()));
    }

    @Test
    void overflowsToInfinityAndUnderflowsToZero() {
        assertThat(CorrectlyRounded.pow(10, 308.3)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(CorrectlyRounded.pow(10, -400)).isZero();
        assertThat(CorrectlyRounded.pow(10, 0)).isEqualTo(1);
        assertThat(CorrectlyRounded.pow(1, 1e300)).isEqualTo(1);
    }

    @Test
    void needsAPositiveBase() {
        assertThatThrownBy(() -> CorrectlyRounded.pow(0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorrectlyRounded.pow(-2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorrectlyRounded.pow(2, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
