package io.robustlab.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.contracts.spec.TrainSpec;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.InstalledDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quickstart spec on the real Fashion-MNIST: an MLP 784-1024-1024-10, one epoch of SGD. */
class FashionMnistTrainingIT {

    @TempDir
    Path workDir;

    @Test
    void oneEpochOfTheQuickstartMlpReachesEightyPercentTestAccuracy() throws Exception {
        TrainSpec spec = (TrainSpec) SpecCodec.parse(Files.readString(Path.of("../examples/train-mlp-fashion-mnist.json")));
        Dataset data = InstalledDatasets.loadOrSkip(spec.dataset());

        TrainingResult result = TrainingRun.run(spec, data, workDir, EpochListener.NONE);

        EpochMetrics epoch = result.lastEpoch();
        System.out.printf("Fashion-MNIST MLP, 1 epoch: test accuracy %.4f, %.0f samples/s%n",
                epoch.testAccuracy(), epoch.samplesPerSecond());
        assertThat(result.epochs()).hasSize(1);
        assertThat(result.parameterCount()).isEqualTo(784 * 1024 + 1024 + 1024 * 1024 + 1024 + 1024 * 10 + 10);
        assertThat(epoch.testAccuracy()).isGreaterThanOrEqualTo(0.80);
        assertThat(epoch.trainAccuracy()).isGreaterThan(0.70);
    }
}
