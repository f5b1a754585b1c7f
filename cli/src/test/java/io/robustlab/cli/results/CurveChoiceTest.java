package io.robustlab.cli.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.cli.CliException;
import io.robustlab.cli.Exit;
import io.robustlab.cli.Fixtures;
import io.robustlab.cli.client.RobustLabApi;
import org.junit.jupiter.api.Test;

class CurveChoiceTest {

    private final RobustnessCurves curves =
            RobustnessCurves.of(RobustLabApi.JSON.readTree(Fixtures.curves(Fixtures.JOB)));

    @Test
    void readsTheApiAnswer() {
        assertThat(curves.jobId()).isEqualTo(Fixtures.JOB);
        assertThat(curves.curves()).extracting(RobustnessCurves.Curve::label)
                .containsExactly("fgsm (L∞)", "linf-pgd (L∞)", "worst-case L∞", "worst-case (all attacks)");
        assertThat(curves.epsilons()).containsExactly(0.0, 0.05, 0.1);
        assertThat(curves.curves().get(1).points().get(2))
                .isEqualTo(new RobustnessCurves.Point(0.1, 0.42, 100));
    }

    @Test
    void worstIsTheWorstCaseOverAllAttacks() {
        assertThat(CurveChoice.pick(curves, "worst").label()).isEqualTo("worst-case (all attacks)");
        assertThat(CurveChoice.pick(curves, "WORST").label()).isEqualTo("worst-case (all attacks)");
        assertThat(CurveChoice.pick(curves, "worst-linf").label()).isEqualTo("worst-case L∞");
    }

    @Test
    void anAttackIsFoundByItsNameOrItsWholeLabel() {
        assertThat(CurveChoice.pick(curves, "linf-pgd").label()).isEqualTo("linf-pgd (L∞)");
        assertThat(CurveChoice.pick(curves, "FGSM").label()).isEqualTo("fgsm (L∞)");
        assertThat(CurveChoice.pick(curves, "linf-pgd (L∞)").label()).isEqualTo("linf-pgd (L∞)");
    }

    @Test
    void anUnknownNameIsRefusedWithTheNamesThereAre() {
        assertThatThrownBy(() -> CurveChoice.pick(curves, "l2-pgd"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exit()).isEqualTo(Exit.USAGE))
                .hasMessageContaining("no curve 'l2-pgd'")
                .hasMessageContaining("fgsm, linf-pgd, worst-linf, worst");
        assertThatThrownBy(() -> CurveChoice.pick(curves, "worst-l2")).hasMessageContaining("no curve 'worst-l2'");
    }

    @Test
    void aJobWithoutAttacksHasNoCurveToPick() {
        RobustnessCurves none = RobustnessCurves.of(RobustLabApi.JSON.readTree(
                "{\"jobId\": \"j\", \"curves\": [], \"weightNoise\": []}"));
        assertThatThrownBy(() -> CurveChoice.pick(none, "worst")).hasMessageContaining("has no robustness curves");
    }
}
