package io.robustlab.cli.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.cli.CliException;
import io.robustlab.cli.Exit;
import io.robustlab.cli.Fixtures;
import io.robustlab.cli.client.RobustLabApi;
import io.robustlab.cli.results.RobustnessCurves;
import io.robustlab.cli.results.RobustnessCurves.Curve;
import io.robustlab.cli.results.RobustnessCurves.Point;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class GateTest {

    private static final RobustnessCurves CURVES =
            RobustnessCurves.of(RobustLabApi.JSON.readTree(Fixtures.curves(Fixtures.JOB)));
    private static final Supplier<Gate.CleanAccuracy> NOT_NEEDED = () -> {
        throw new AssertionError("result.json must not be read when the grid has ε = 0");
    };

    @Test
    void passesWhenCleanAndRobustAccuracyReachTheThresholds() {
        GateVerdict verdict = Gate.judge(Fixtures.JOB, "nightly", CURVES,
                new GateThresholds(0.9, 0.4, 0.1, "worst"), NOT_NEEDED);
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.checks()).hasSize(2);
        GateCheck clean = verdict.checks().get(0);
        assertThat(clean.name()).isEqualTo("clean accuracy");
        assertThat(clean.measured()).isEqualTo(0.9);
        assertThat(clean.samples()).isEqualTo(100);
        GateCheck robust = verdict.checks().get(1);
        assertThat(robust.name()).isEqualTo("robust accuracy at ε = 0.1 (worst-case (all attacks))");
        assertThat(robust.measured()).isEqualTo(0.4);
        assertThat(robust.required()).isEqualTo(0.4);
    }

    @Test
    void failsWhenRobustAccuracyIsBelowTheThreshold() {
        GateVerdict verdict = Gate.judge(Fixtures.JOB, null, CURVES, new GateThresholds(0.85, 0.6, 0.1, "worst"),
                NOT_NEEDED);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.failures()).isEqualTo(1);
        assertThat(verdict.checks().get(0).passed()).isTrue();
        assertThat(verdict.checks().get(1).passed()).isFalse();
        assertThat(verdict.checks().get(1).measured()).isEqualTo(0.4);
    }

    @Test
    void failsWhenCleanAccuracyIsBelowTheThreshold() {
        GateVerdict verdict = Gate.judge(Fixtures.JOB, null, CURVES, new GateThresholds(0.95, null, null, "worst"),
                NOT_NEEDED);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.checks()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("clean accuracy");
            assertThat(check.measured()).isEqualTo(0.9);
        });
    }

    @Test
    void aNamedAttackIsCheckedOnItsOwnCurve() {
        GateVerdict fgsm = Gate.judge(Fixtures.JOB, null, CURVES, new GateThresholds(null, 0.5, 0.1, "fgsm"),
                NOT_NEEDED);
        assertThat(fgsm.passed()).as("FGSM alone leaves 0.55 at 0.1").isTrue();
        GateVerdict worst = Gate.judge(Fixtures.JOB, null, CURVES, new GateThresholds(null, 0.5, 0.1, "worst"),
                NOT_NEEDED);
        assertThat(worst.passed()).as("the worst case leaves 0.40").isFalse();
    }

    @Test
    void anEpsilonNotOnTheGridIsRefusedWithTheGrid() {
        assertThatThrownBy(() -> Gate.judge(Fixtures.JOB, null, CURVES, new GateThresholds(null, 0.5, 0.07, "worst"),
                NOT_NEEDED))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exit()).isEqualTo(Exit.USAGE))
                .hasMessageContaining("ε = 0.07 is not on the epsilon grid")
                .hasMessageContaining("it has: 0, 0.05, 0.1");
    }

    @Test
    void anEpsilonMatchesAGridPointComputedWithRoundingError() {
        RobustnessCurves computed = new RobustnessCurves("j", List.of(new Curve("worst-case (all attacks)",
                "worst-case", "linf", List.of(new Point(0, 1.0, 10), new Point(0.1 + 0.2 - 0.2, 0.7, 10)))));
        GateVerdict verdict = Gate.judge("j", null, computed, new GateThresholds(null, 0.7, 0.1, "worst"),
                NOT_NEEDED);
        assertThat(verdict.passed()).isTrue();
        assertThat(Gate.sameEpsilon(0.1, 0.1000001)).isFalse();
    }

    @Test
    void withoutEpsilonZeroTheCleanAccuracyComesFromResultJson() {
        RobustnessCurves noZero = new RobustnessCurves("j", List.of(new Curve("worst-case (all attacks)",
                "worst-case", "linf", List.of(new Point(0.1, 0.5, 10)))));
        AtomicInteger asked = new AtomicInteger();
        GateVerdict verdict = Gate.judge("j", null, noZero, new GateThresholds(0.8, null, null, "worst"), () -> {
            asked.incrementAndGet();
            return new Gate.CleanAccuracy(0.75, 10, "result.json cleanAccuracy");
        });
        assertThat(asked).hasValue(1);
        assertThat(verdict.checks()).singleElement().satisfies(check -> {
            assertThat(check.measured()).isEqualTo(0.75);
            assertThat(check.source()).isEqualTo("result.json cleanAccuracy");
            assertThat(check.passed()).isFalse();
        });
    }

    @Test
    void anUnmeasuredPointFailsItsCheck() {
        RobustnessCurves empty = new RobustnessCurves("j", List.of(new Curve("worst-case (all attacks)",
                "worst-case", "linf", List.of(new Point(0, null, 0)))));
        GateVerdict verdict = Gate.judge("j", null, empty, new GateThresholds(0.0, null, null, "worst"), NOT_NEEDED);
        assertThat(verdict.passed()).as("nothing measured is not a pass, even against 0").isFalse();
        assertThat(GateSummary.measured(verdict.checks().getFirst())).isEqualTo("not measured");
    }

    @Test
    void thresholdsThatCheckNothingOrAreNotAccuraciesAreRefused() {
        assertThatThrownBy(() -> new GateThresholds(null, null, null, "worst")).hasMessageContaining("--min-clean");
        assertThatThrownBy(() -> new GateThresholds(null, 0.5, null, "worst")).hasMessageContaining("needs --at-eps");
        assertThatThrownBy(() -> new GateThresholds(0.9, null, 0.1, "worst"))
                .hasMessageContaining("--at-eps applies only with --min-robust");
        assertThatThrownBy(() -> new GateThresholds(95.0, null, null, "worst"))
                .hasMessageContaining("--min-clean must be an accuracy between 0 and 1 (got 95.0)");
        assertThatThrownBy(() -> new GateThresholds(null, 0.5, -0.1, "worst")).hasMessageContaining("--at-eps");
        assertThatThrownBy(() -> new GateThresholds(null, Double.NaN, 0.1, "worst"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exit()).isEqualTo(Exit.USAGE));
    }

    @Test
    void theSummaryTableShowsEachCheckAndTheVerdict() {
        String summary = GateSummary.render(Gate.judge(Fixtures.JOB, "nightly", CURVES,
                new GateThresholds(0.85, 0.6, 0.1, "worst"), NOT_NEEDED));
        List<String> lines = summary.lines().toList();
        assertThat(lines.get(0)).isEqualTo("robustlab gate: job " + Fixtures.JOB + " \"nightly\"");
        assertThat(lines.get(1)).startsWith("result  check").contains("measured", "required", "samples", "from");
        assertThat(lines.get(2)).startsWith("PASS    clean accuracy").contains("0.9000", ">= 0.85", "100");
        assertThat(lines.get(3)).startsWith("FAIL    robust accuracy at ε = 0.1 (worst-case (all attacks))")
                .contains("0.4000", ">= 0.6", "curve worst-case (all attacks), ε = 0.1");
        assertThat(lines.get(4)).isEqualTo("gate FAILED: 1 of 2 checks below the threshold");
    }
}
