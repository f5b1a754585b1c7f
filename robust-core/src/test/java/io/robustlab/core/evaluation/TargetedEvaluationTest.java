package io.robustlab.core.evaluation;

import static io.robustlab.core.evaluation.TrainedBlobs.predict;
import static io.robustlab.core.evaluation.TrainedBlobs.run;
import static io.robustlab.core.evaluation.TrainedBlobs.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.core.evaluation.TrainedBlobs.Counted;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Targeted attacks through the engine: what a success means, and which samples a curve counts. */
class TargetedEvaluationTest {

    @Test
    void aFixedTargetClassCountsOnlyOtherSamplesAndEverySuccessIsPredictedAsTheTarget() {
        List<Counted> counted = new ArrayList<>();
        EvaluationResult result = run(EvaluationFixtures.spec("""
                "attacks": [{"name": "linf-pgd", "label": "to-class-0", "targeted": true, "targetClass": 0,
                             "steps": 20, "relativeStepSize": 0.1}],
                "epsilons": [{"values": [0, 0.1, 0.3, 1.0]}]"""), counted);

        RobustnessCurve curve = result.curves().getFirst();
        BitSet countedSamples = SampleBits.decode(curve.counted());
        for (int i = 0; i < samples.size(); i++) {
            assertThat(countedSamples.get(i)).as("sample %d of class %d", i, samples.labels()[i])
                    .isEqualTo(samples.labels()[i] != 0);
        }
        assertThat(counted).isNotEmpty();
        for (Counted success : counted) {
            int label = samples.labels()[success.sample()];
            if (predict(samples.select(new int[] {success.sample()}).features()) == label) {
                // broken because the attack reached the target, not because the clean sample was already wrong
                assertThat(predict(success.adversarial())).as("sample %d at ε %s", success.sample(),
                        success.epsilon()).isZero();
            }
        }
        // the whole box (ε = 1) lets the attack reach the target for nearly every counted sample
        assertThat(curve.robustAccuracy()[result.epsilonIndex(1.0)]).isLessThan(0.2);
    }

    @Test
    void drawnTargetsDifferFromTheLabelsAndRepeatWithTheSeed() {
        String members = """
                "attacks": [{"name": "linf-pgd", "targeted": true, "steps": 20, "relativeStepSize": 0.1}],
                "epsilons": [{"values": [0, 0.2, 1.0]}]""";
        List<Counted> first = new ArrayList<>();
        EvaluationResult once = run(EvaluationFixtures.spec(members), first);
        EvaluationResult again = run(EvaluationFixtures.spec(members), new ArrayList<>());

        assertThat(SampleBits.decode(once.curves().getFirst().counted()).cardinality()).isEqualTo(samples.size());
        for (Counted success : first) {
            assertThat(predict(success.adversarial())).isNotEqualTo(samples.labels()[success.sample()]);
        }
        assertThat(again.curves().getFirst().robustAccuracy()).isEqualTo(once.curves().getFirst().robustAccuracy());
        assertThat(again.curves().getFirst().broken()).isEqualTo(once.curves().getFirst().broken());
    }
}
