package io.robustlab.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.robustlab.contracts.spec.LearningRateSchedule;

import org.junit.jupiter.api.Test;

class LearningRatePlanTest {

    LearningRatePlan plan(LearningRateSchedule schedule, int epochs) {
        return LearningRatePlan.of(TrainingFixtures.sgd(0.1, 0.9, 0, schedule), epochs);
    }

    @Test
    void constantKeepsTheRate() {
        LearningRatePlan plan = plan(TrainingFixtures.CONSTANT, 5);

        assertThat(plan.at(1)).isEqualTo(0.1);
        assertThat(plan.at(5)).isEqualTo(0.1);
    }

    @Test
    void stepMultipliesByGammaEveryStepEpochs() {
        LearningRatePlan plan = plan(new LearningRateSchedule("step", 3, 0.5, null), 10);

        assertThat(new double[] {plan.at(1), plan.at(3), plan.at(4), plan.at(6), plan.at(7), plan.at(10)})
                .containsExactly(0.1, 0.1, 0.05, 0.05, 0.025, 0.0125);
    }

    @Test
    void cosineGoesFromTheRateToTheMinimumAtTheLastEpoch() {
        LearningRatePlan plan = plan(new LearningRateSchedule("cosine", null, null, 0.01), 5);

        assertThat(plan.at(1)).isEqualTo(0.1);
        assertThat(plan.at(2)).isCloseTo(0.01 + 0.09 * (1 + Math.cos(Math.PI / 4)) / 2, within(1e-15));
        assertThat(plan.at(3)).isCloseTo(0.055, within(1e-15));
        assertThat(plan.at(5)).isCloseTo(0.01, within(1e-15));
        assertThat(plan(new LearningRateSchedule("cosine", null, null, 0.0), 1).at(1)).isEqualTo(0.1);
    }
}
