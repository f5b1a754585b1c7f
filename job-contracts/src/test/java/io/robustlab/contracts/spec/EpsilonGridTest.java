package io.robustlab.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Epsilon grids expand to exactly the doubles numpy gives for the same expression. The expected values are
 * numpy 2.4's output, printed with repr (the shortest digits that read back to the same double), except the one
 * point marked where numpy's own pow is not correctly rounded.
 */
class EpsilonGridTest {

    private static EpsilonGridPart linspace(double start, double stop, int num) {
        return new EpsilonGridPart(null, new EpsilonGridPart.Linspace(start, stop, num), null, null, null);
    }

    private static EpsilonGridPart logspace(double start, double stop, int num, Double base) {
        return new EpsilonGridPart(null, null, new EpsilonGridPart.Logspace(start, stop, num, base), null, null);
    }

    private static EpsilonGridPart scaled(EpsilonGridPart part, double scale, Integer decimals) {
        return new EpsilonGridPart(part.values(), part.linspace(), part.logspace(), scale, decimals);
    }

    @Test
    void linspaceIsNumpys() {
        // np.linspace(0, 0.3, 7)
        assertThat(linspace(0, 0.3, 7).points()).containsExactly(0.0, 0.049999999999999996, 0.09999999999999999,
                0.15, 0.19999999999999998, 0.24999999999999997, 0.3);
        // np.linspace(0, 1, 11)
        assertThat(linspace(0, 1, 11).points()).containsExactly(0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5,
                0.6000000000000001, 0.7000000000000001, 0.8, 0.9, 1.0);
        // np.linspace(0.001, 0.031, 16)
        assertThat(linspace(0.001, 0.031, 16).points()).containsExactly(0.001, 0.003, 0.005, 0.007,
                0.009000000000000001, 0.011, 0.013000000000000001, 0.015, 0.017, 0.019000000000000003, 0.021, 0.023,
                0.025, 0.027000000000000003, 0.029, 0.031);
    }

    @Test
    void logspaceIsNumpys() {
        // np.logspace(-4, 0, 9)
        assertThat(logspace(-4, 0, 9, null).points()).containsExactly(0.0001, 0.00031622776601683794, 0.001,
                0.0031622776601683794, 0.01, 0.03162277660168379, 0.1, 0.31622776601683794, 1.0);
        // np.logspace(0, 3.5, 15, base=2)
        assertThat(logspace(0, 3.5, 15, 2.0).points()).containsExactly(1.0, 1.189207115002721, 1.4142135623730951,
                1.681792830507429, 2.0, 2.378414230005442, 2.8284271247461903, 3.363585661014858, 4.0,
                4.756828460010884, 5.656854249492381, 6.727171322029716, 8.0, 9.513656920021768, 11.313708498984761);
        // np.logspace(-3, -1, 21)
        assertThat(logspace(-3, -1, 21, 10.0).points()).containsExactly(0.001, 0.0012589254117941675,
                0.001584893192461114, 0.001995262314968879, 0.0025118864315095794, 0.0031622776601683794,
                0.003981071705534973, 0.005011872336272725,
                0.00630957344480193, // 10^-2.2 to the nearest double; numpy's AVX-512 pow gives 0.006309573444801929
                0.007943282347242814, 0.01,
                0.012589254117941675, 0.01584893192461114, 0.0199526231496888, 0.025118864315095808,
                0.03162277660168379, 0.039810717055349734, 0.05011872336272725, 0.06309573444801933,
                0.07943282347242818, 0.1);
        // np.logspace(0.5, 2.5, 13, base=np.e)
        assertThat(logspace(0.5, 2.5, 13, Math.E).points()).containsExactly(1.6487212707001282,
                1.9477340410546757, 2.3009758908928246, 2.718281828459045, 3.21127054315356, 3.793667894683177,
                4.4816890703380645, 5.294490050470028, 6.254700951936328, 7.3890560989306495, 8.72913836372013,
                10.312258501325761, 12.182493960703471);
    }

    @Test
    void scaleMultipliesAndDecimalsRoundAsNumpyDoes() {
        // np.linspace(0, 1, 11) * 0.1
        assertThat(scaled(linspace(0, 1, 11), 0.1, null).points()).containsExactly(0.0, 0.010000000000000002,
                0.020000000000000004, 0.030000000000000006, 0.04000000000000001, 0.05, 0.06000000000000001, 0.07,
                0.08000000000000002, 0.09000000000000001, 0.1);
        // np.logspace(0, 3.5, 15, base=2) * 1e-2
        assertThat(scaled(logspace(0, 3.5, 15, 2.0), 1e-2, null).points()).containsExactly(0.01,
                0.01189207115002721, 0.014142135623730952, 0.01681792830507429, 0.02, 0.02378414230005442,
                0.028284271247461905, 0.03363585661014858, 0.04, 0.04756828460010884, 0.05656854249492381,
                0.06727171322029717, 0.08, 0.09513656920021768, 0.11313708498984762);
        // np.round(np.linspace(0, 0.3, 7) * 0.5, 2): rint(x·100)/100, ties to even
        assertThat(scaled(linspace(0, 0.3, 7), 0.5, 2).points())
                .containsExactly(0.0, 0.02, 0.05, 0.08, 0.1, 0.12, 0.15);
        // np.array([1, 2, 4, 8]) * 1e-4
        assertThat(scaled(EpsilonGridPart.of(1, 2, 4, 8), 1e-4, null).points())
                .containsExactly(0.0001, 0.0002, 0.0004, 0.0008);
    }

    @Test
    void thePresetGridIsTheResearchGridExactly() {
        // round(logspace(0, 3.5, 15, base=2) × 1e-2, 3), by numpy's definitions: x_i = i·(3.5/14) + 0, 2^x_i,
        // then rint(·1000)/1000.
        double step = (3.5 - 0.0) / 14;
        double[] logPart = IntStream.range(0, 15)
                .mapToDouble(i -> i == 14 ? 3.5 : i * step + 0.0)
                .map(x -> Math.rint(Math.pow(2, x) * 1e-2 * 1000) / 1000)
                .toArray();
        assertThat(logPart).containsExactly(0.01, 0.012, 0.014, 0.017, 0.02, 0.024, 0.028, 0.034, 0.04, 0.048,
                0.057, 0.067, 0.08, 0.095, 0.113);

        double[] expected = {
            0.0,
            0.0001, 0.0002, 0.0004, 0.0008,
            0.001, 0.002, 0.004, 0.008,
            0.01, 0.012, 0.014, 0.017, 0.02, 0.024, 0.028, 0.034, 0.04, 0.048, 0.057, 0.067, 0.08, 0.095, 0.113,
            0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        double[] grid = Specs.parseEvaluate(Specs.minimalEvaluateWith("attacks=null", "epsilons=null",
                "preset=\"foolbox-sweep\"")).epsilonGrid();

        assertThat(grid).hasSize(35).containsExactly(expected);
    }

    @Test
    void theGridIsTheSortedUnionOfItsParts() {
        List<EpsilonGridPart> parts = List.of(
                EpsilonGridPart.of(0.3, 0.5),
                scaled(linspace(0, 1, 11), 1, 1), // 0, 0.1, …, 1.0 after rounding
                EpsilonGridPart.of(0, 0.05));

        assertThat(EpsilonGridPart.grid(parts)).containsExactly(
                0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
    }

    @Test
    void roundingCanMergePoints() {
        assertThat(EpsilonGridPart.grid(List.of(scaled(EpsilonGridPart.of(0.011, 0.012, 0.5), 1, 1))))
                .containsExactly(0, 0.5);
    }

    @Test
    void minusZeroIsZero() {
        assertThat(EpsilonGridPart.grid(List.of(EpsilonGridPart.of(-0.0), EpsilonGridPart.of(0.0))))
                .containsExactly(0.0);
        assertThat(Double.doubleToRawLongBits(EpsilonGridPart.of(-0.0).points()[0])).isZero();
    }

    @Test
    void anInvalidPartHasNoPoints() {
        assertThatThrownBy(() -> linspace(0.3, 0.1, 3).points()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new EpsilonGridPart(null, null, null, null, null).points())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSpecWithoutEpsilonsHasAnEmptyGrid() {
        assertThat(Specs.parseEvaluate(Specs.minimalEvaluateWith("attacks=null", "epsilons=null",
                "corruptions={}")).epsilonGrid()).isEmpty();
    }
}
