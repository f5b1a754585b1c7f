package io.robustlab.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import io.robustlab.contracts.spec.OptimizerSpec;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Prints samples/s of the SGD and Adam training steps of MLP 784-1024-1024-10 at batch 100, and of the plain
 * matrix products of the same shapes (forward and both backward products of each layer). Timings are printed,
 * never asserted. Short bursts are interleaved and the best burst of each kind is kept, so other processes on a
 * shared machine distort the figures less. Run by hand:
 * {@code ./mvnw -pl robust-core verify -Dtest=TrainingStepBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Djunit.jupiter.conditions.deactivate=org.junit.*DisabledCondition}
 */
@Disabled("benchmark: prints timings, run by hand")
class TrainingStepBenchmark {

    static final int BATCH = 100;
    static final long[] WIDTHS = {784, 1024, 1024, 10};

    @Test
    void sgdAndAdamStepsAgainstMatmul() {
        try (NoGradScope noGrad = new NoGradScope(); NDManager manager = NDManager.newBaseManager()) {
            NDArray inputs = manager.randomUniform(0, 1, new Shape(BATCH, 784));
            NDArray labels = manager.randomInteger(0, 10, new Shape(BATCH), DataType.INT64);
            Map<String, Runnable> kinds = new LinkedHashMap<>();
            kinds.put("sgd step", stepper(manager, TrainingFixtures.sgd(0.01, 0.9, 0, TrainingFixtures.CONSTANT),
                    inputs, labels));
            kinds.put("adam step", stepper(manager, TrainingFixtures.adam(0.001), inputs, labels));
            NDArray[] weights = new NDArray[3];
            for (int i = 0; i < 3; i++) {
                weights[i] = manager.randomUniform(-0.03f, 0.03f, new Shape(WIDTHS[i], WIDTHS[i + 1]));
            }
            kinds.put("matmul", () -> {
                try (NDManager batch = manager.newSubManager()) {
                    NDArray x = inputs.duplicate();
                    x.attach(batch);
                    for (NDArray w : weights) {
                        NDArray y = x.matMul(w);
                        x.transpose().matMul(y);
                        y.matMul(w.transpose());
                        x = y;
                    }
                }
            });
            Map<String, Double> best = new LinkedHashMap<>();
            for (int round = 0; round < 15; round++) {
                for (Map.Entry<String, Runnable> kind : kinds.entrySet()) {
                    for (int i = 0; i < 3; i++) {
                        kind.getValue().run();
                    }
                    long start = System.nanoTime();
                    for (int i = 0; i < 20; i++) {
                        kind.getValue().run();
                    }
                    best.merge(kind.getKey(), (System.nanoTime() - start) / 20e9, Math::min);
                }
            }
            best.forEach((kind, seconds) -> System.out.printf("%-10s %6.2f ms/batch %8.0f samples/s%n", kind,
                    seconds * 1e3, BATCH / seconds));
            System.out.printf("sgd/matmul rate %.2f, adam/sgd time %.2f%n", best.get("matmul") / best.get("sgd step"),
                    best.get("adam step") / best.get("sgd step"));
        }
    }

    private static Runnable stepper(NDManager manager, OptimizerSpec optimizerSpec, NDArray inputs, NDArray labels) {
        Network network = Network.build(TrainingFixtures.mlp(1024, 1024), new long[] {784}, 10, manager);
        network.initialize(new SplittableRandom(1));
        TrainingStep step = new TrainingStep(network, Optimizer.of(optimizerSpec, network.parameterArrays(), manager));
        return () -> {
            try (NDManager batch = manager.newSubManager()) {
                NDArray x = inputs.duplicate();
                x.attach(batch);
                step.run(x, labels, 0.01);
            }
        };
    }
}
