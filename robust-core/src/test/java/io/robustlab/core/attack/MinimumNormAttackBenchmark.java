package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import io.robustlab.core.model.SavedModel;
import io.robustlab.core.train.EpochListener;
import io.robustlab.core.train.TrainingFixtures;
import io.robustlab.core.train.TrainingResult;
import io.robustlab.core.train.TrainingRun;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prints samples/s of each minimum-norm attack on a trained MLP 784-256-256-10 (Gaussian blobs, batch 100), with
 * the median norm it reaches. Timings are printed, never asserted. Run by hand:
 * {@code ./mvnw -pl robust-core -am test -Dtest=MinimumNormAttackBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Djunit.jupiter.conditions.deactivate=org.junit.*DisabledCondition}
 */
@Disabled("benchmark: prints timings, run by hand")
class MinimumNormAttackBenchmark {

    static final int BATCH = 100;

    @Test
    void samplesPerSecond(@TempDir Path workDir) throws IOException {
        Dataset data = TrainingFixtures.blobs(2000, BATCH, 784, 10, 0.3, 5);
        TrainingResult trained = TrainingRun.run(TrainingFixtures.spec(TrainingFixtures.mlp(256, 256),
                TrainingFixtures.adam(0.001), TrainingFixtures.STANDARD, 2, 50, 1), data, workDir, EpochListener.NONE);
        try (NoGradScope noGrad = new NoGradScope(); NDManager manager = NDManager.newBaseManager()) {
            Network network = SavedModel.load(trained.modelFolder(), manager);
            ExampleSet test = data.test();
            NDArray inputs = manager.create(test.features(), new Shape(BATCH, 784));
            NDArray labels = manager.create(Arrays.stream(test.labels()).asLongStream().toArray());
            List<AttackSpec> specs = List.of(AttackSpec.named("linf-deepfool"), AttackSpec.named("l2-deepfool"),
                    AttackSpec.named("l2-ddn"),
                    MinimumNormAttackTest.spec("l2-carlini-wagner", 100, 5, 0.1, 0.05, true),
                    MinimumNormAttackTest.spec("l2-carlini-wagner", 100, 5, 0.1, 0.05, false));
            for (AttackSpec spec : specs) {
                MinimumNormAttack attack = MinimumNormAttacks.of(spec);
                for (int round = 0; round < 2; round++) { // the first round warms up
                    try (NDManager batch = manager.newSubManager()) {
                        NDArray x = inputs.duplicate();
                        x.attach(batch);
                        long start = System.nanoTime();
                        MinimumNormResult result = attack.attack(network, x, AttackGoal.untargeted(labels),
                                new SplittableRandom(1));
                        double seconds = (System.nanoTime() - start) / 1e9;
                        if (round == 1) {
                            float[] norms = result.norms().clone();
                            Arrays.sort(norms);
                            long finite = 0;
                            for (float n : norms) {
                                finite += Float.isFinite(n) ? 1 : 0;
                            }
                            System.out.printf("%-110s %8.1f samples/s  median norm %.4f  found %d/%d%n", attack,
                                    BATCH / seconds, norms[BATCH / 2], finite, BATCH);
                        }
                    }
                }
            }
        }
    }
}
