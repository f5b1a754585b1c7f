package io.robustlab.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalNumberTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0        | 0
            -0.0     | 0
            1.0      | 1
            10       | 10
            0.1      | 0.1
            0.3      | 0.3
            -2.5     | -2.5
            0.075    | 0.075
            0.999    | 0.999
            1e-8     | 1e-8
            2.5e-7   | 2.5e-7
            1e-6     | 0.000001
            123456.5 | 123456.5
            1e20     | 100000000000000000000
            1e21     | 1e+21
            """)
    void printsAsEcmaScriptDoes(double value, String expected) {
        assertThat(CanonicalNumber.format(value)).isEqualTo(expected);
    }

    /** The sample values of RFC 8785, appendix B, by their IEEE 754 bits. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0000000000000001 | 5e-324
            8000000000000001 | -5e-324
            7fefffffffffffff | 1.7976931348623157e+308
            ffefffffffffffff | -1.7976931348623157e+308
            4340000000000000 | 9007199254740992
            c340000000000000 | -9007199254740992
            4430000000000000 | 295147905179352830000
            44b52d02c7e14af5 | 9.999999999999997e+22
            44b52d02c7e14af6 | 1e+23
            44b52d02c7e14af7 | 1.0000000000000001e+23
            444b1ae4d6e2ef4e | 999999999999999700000
            444b1ae4d6e2ef4f | 999999999999999900000
            444b1ae4d6e2ef50 | 1e+21
            3eb0c6f7a0b5ed8c | 9.999999999999997e-7
            3eb0c6f7a0b5ed8d | 0.000001
            41b3de4355555553 | 333333333.3333332
            41b3de4355555554 | 333333333.33333325
            41b3de4355555555 | 333333333.3333333
            41b3de4355555556 | 333333333.3333334
            41b3de4355555557 | 333333333.33333343
            becbf647612f3696 | -0.0000033333333333333333
            43143ff3c1cb0959 | 1424953923781206.2
            """)
    void matchesTheRfc8785Samples(String bits, String expected) {
        assertThat(CanonicalNumber.format(Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16))))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void refusesWhatJsonCannotHold(double value) {
        assertThatThrownBy(() -> CanonicalNumber.format(value)).isInstanceOf(IllegalArgumentException.class);
    }
}
