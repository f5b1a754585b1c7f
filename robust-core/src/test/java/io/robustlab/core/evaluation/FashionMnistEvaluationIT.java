package io.robustlab.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.contracts.spec.TrainSpec;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.InstalledDatasets;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.SavedModel;
import io.robustlab.core.train.EpochListener;
import io.robustlab.core.train.TrainingResult;
import io.robustlab.core.train.TrainingRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An MLP trained one epoch on 10000 real Fashion-MNIST images falls to FGSM: robustness is counted, not assumed. */
class FashionMnistEvaluationIT {

    @TempDir
    Path workDir;

    @Test
    void fgsmAtPointOneLeavesLessThanHalfTheCleanAccuracyOnFiveHundredTestSamples() throws Exception {
        TrainSpec train = (TrainSpec) SpecCodec.parse("""
                {"apiVersion": "robustlab/v1", "kind": "Train",
                 "dataset": {"name": "fashion-mnist", "trainSize": 10000, "testSize": 1000},
                 "model": {"architecture": "mlp", "hidden": [256]},
                 "optimizer": {"name": "sgd", "learningRate": 0.05, "momentum": 0.9},
                 "epochs": 1, "batchSize": 100, "seed": 1}""");
        Dataset data = InstalledDatasets.loadOrSkip(train.dataset());
        TrainingResult trained = TrainingRun.run(train, data, workDir, EpochListener.NONE);
        EvaluateSpec spec = (EvaluateSpec) SpecCodec.parse("""
                {"apiVersion": "robustlab/v1", "kind": "Evaluate", "model": {"path": "%s"},
                 "dataset": {"name": "fashion-mnist"}, "samples": 500, "batchSize": 250,
                 "attacks": [{"name": "fgsm"}, {"name": "linf-pgd", "steps": 10}],
                 "epsilons": [{"values": [0, 0.01, 0.03, 0.1]}]}""".formatted(trained.modelFolder()));
        ExampleSet samples = EvaluationSamples.load(spec, DataLocations.fromEnvironment());

        EvaluationResult result;
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = SavedModel.load(trained.modelFolder(), manager);
            result = EvaluationRun.run(spec, network, samples, EvaluationListener.NONE, () -> false);
        }

        double fgsm = result.curve("fgsm (L∞)").robustAccuracy()[result.epsilonIndex(0.1)];
        System.out.printf("Fashion-MNIST MLP: clean %.4f, FGSM@0.1 %.4f, PGD-10@0.1 %.4f, worst %.4f, %.1f s%n",
                result.cleanAccuracy(), fgsm, result.curve("linf-pgd (L∞)").robustAccuracy()[3],
                result.curve("worst-case L∞").robustAccuracy()[3], result.timings().totalSeconds());
        assertThat(samples.size()).isEqualTo(500);
        assertThat(result.cleanAccuracy()).isGreaterThan(0.7);
        assertThat(fgsm).isLessThan(result.cleanAccuracy() / 2);
        assertThat(result.curve("worst-case L∞").robustAccuracy()[3]).isLessThanOrEqualTo(fgsm);
        // foolbox's default L∞ PGD step (0.01/0.3 of ε) moves 10 × 0.033ε: too little to reach the ball's edge.
        assertThat(result.warnings()).extracting(EvaluationWarning::code)
                .contains(EvaluationWarning.ITERATIVE_WEAKER_THAN_FGSM);
    }
}
