package io.robustlab.core.evaluation;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The engine tests' model: the MLP of {@link EvaluationFixtures#trainedMlp} trained once per test JVM on
 * {@link EvaluationFixtures#blobs()}, its 120 test blobs, and the ways the tests run and re-predict on it.
 * Its native memory lives as long as the JVM.
 */
final class TrainedBlobs {

    static final NDManager manager = NDManager.newBaseManager();
    static final ExampleSet samples;
    static final Network network;

    static {
        Dataset data = EvaluationFixtures.blobs();
        samples = data.test();
        try {
            network = EvaluationFixtures.trainedMlp(data, Files.createTempDirectory("trained-blobs-"), manager);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TrainedBlobs() {
    }

    /** A success the engine counted: {@code adversarial} broke {@code sample} at {@code epsilon}. */
    record Counted(String curve, double epsilon, int sample, float[] adversarial) {
    }

    static EvaluationResult run(EvaluateSpec spec, EvaluationOptions options, AttackSource source,
            List<Counted> counted) {
        AdversarialObserver observer = (curve, epsilon, sample, adversarial) ->
                counted.add(new Counted(curve, epsilon, sample, adversarial));
        // With the real attacks, through the public entry point, so the tests of what is counted also cover it.
        return source == AttackSource.FACTORIES
                ? EvaluationRun.run(spec, network, samples, EvaluationListener.NONE, () -> false, options, observer)
                : EvaluationRun.run(spec, network, samples, EvaluationListener.NONE, () -> false, options, source,
                        observer);
    }

    static EvaluationResult run(EvaluateSpec spec, List<Counted> counted) {
        return run(spec, EvaluationOptions.DEFAULT, AttackSource.FACTORIES, counted);
    }

    static int predict(float[] example) {
        try (NoGradScope noGrad = new NoGradScope(); NDManager work = manager.newSubManager()) {
            return (int) network.predict(work.create(example, new Shape(1, samples.featureCount()))).getLong(0);
        }
    }
}
