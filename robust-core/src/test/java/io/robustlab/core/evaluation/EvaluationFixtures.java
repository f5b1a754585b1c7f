package io.robustlab.core.evaluation;

import ai.djl.ndarray.NDManager;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.SavedModel;
import io.robustlab.core.train.EpochListener;
import io.robustlab.core.train.TrainingFixtures;
import io.robustlab.core.train.TrainingResult;
import io.robustlab.core.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Path;

/** Tiny trained models and Evaluate specs for the engine's tests. */
final class EvaluationFixtures {

    private EvaluationFixtures() {
    }

    /** An MLP (hidden 32) trained 3 epochs on 3-class blobs in [0,1]^20, and 120 test blobs. */
    static Dataset blobs() {
        return TrainingFixtures.blobs(600, 120, 20, 3, 0.1, 11);
    }

    static Network trainedMlp(Dataset data, Path workDir, NDManager manager) throws IOException {
        TrainingResult trained = TrainingRun.run(TrainingFixtures.spec(TrainingFixtures.mlp(32),
                TrainingFixtures.adam(0.01), TrainingFixtures.STANDARD, 3, 20, 1), data, workDir, EpochListener.NONE);
        return SavedModel.load(trained.modelFolder(), manager);
    }

    /**
     * A valid Evaluate spec of a 20-dimensional gaussian dataset (the samples given to the run decide what is
     * measured) with these JSON members added: {@code "attacks": [...], "epsilons": [...]}.
     */
    static EvaluateSpec spec(String members) {
        return (EvaluateSpec) SpecCodec.parse("""
                {"apiVersion": "robustlab/v1", "kind": "Evaluate", "model": {"path": "unused"},
                 "dataset": {"name": "gaussian", "dimension": 20}, "samples": 120, "batchSize": 50, "seed": 3,
                 %s}
                """.formatted(members));
    }
}
