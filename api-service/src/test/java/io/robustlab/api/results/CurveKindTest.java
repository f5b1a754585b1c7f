package io.robustlab.api.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.api.results.RobustnessResults.CurveKind;
import org.junit.jupiter.api.Test;

class CurveKindTest {

    @Test
    void robustCoresWorstCaseLabelsAreWorstCasesAndAttackLabelsAreAttacks() {
        assertThat(CurveKind.of("worst-case L∞", "linf")).isEqualTo(CurveKind.WORST_CASE);
        assertThat(CurveKind.of("worst-case L2", "l2")).isEqualTo(CurveKind.WORST_CASE);
        assertThat(CurveKind.of("worst-case (all attacks)", "linf")).isEqualTo(CurveKind.WORST_CASE);
        assertThat(CurveKind.of("worst-case (all attacks, mixed norms)", "mixed")).isEqualTo(CurveKind.WORST_CASE);
        assertThat(CurveKind.of("linf-pgd (L∞)", "linf")).isEqualTo(CurveKind.ATTACK);
        assertThat(CurveKind.of("deepfool-l2 (L2)", "l2")).isEqualTo(CurveKind.ATTACK);
    }
}
