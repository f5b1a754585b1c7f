package io.robustlab.attack.evaluation;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.robustlab.artifacts.FileSystemArtifactStore;
import io.robustlab.attack.AttackApplication;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.contracts.spec.TrainSpec;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.DatasetNotFoundException;
import io.robustlab.core.data.Datasets;
import io.robustlab.core.train.EpochListener;
import io.robustlab.core.train.TrainingRun;
import io.robustlab.worker.testing.TestBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Attack workers against a test broker with a filesystem store, and a small Fashion-MNIST model to evaluate. */
final class EvaluationWorkers {

    private EvaluationWorkers() {
    }

    /** An attack worker as the application starts, minus the web server, storing under {@code storeRoot}. */
    static ConfigurableApplicationContext start(TestBroker broker, Path storeRoot, Path workDirectory) {
        return new SpringApplicationBuilder(AttackApplication.class).web(WebApplicationType.NONE)
                .run(broker.workerArguments(Map.of(
                        "robustlab.artifacts.root", storeRoot,
                        "robustlab.worker.work-directory", workDirectory,
                        "robustlab.worker.threads", 1)));
    }

    /**
     * Trains a small MLP (hidden 32) one epoch on 500 Fashion-MNIST images and stores its model folder as a train
     * job's; returns the folder's prefix in the store. Skipped without Fashion-MNIST, failed under {@code CI=true}.
     */
    static String storedModel(FileSystemArtifactStore store, Path temp) throws IOException {
        TrainSpec spec = (TrainSpec) SpecCodec.parse("""
                {"apiVersion": "robustlab/v1", "kind": "Train",
                 "dataset": {"name": "fashion-mnist", "trainSize": 500, "testSize": 100},
                 "model": {"architecture": "mlp", "hidden": [32]},
                 "optimizer": {"name": "sgd", "learningRate": 0.1}, "epochs": 1, "batchSize": 50, "seed": 1}""")
                .withDefaults();
        Dataset data;
        try {
            data = Datasets.load(spec.dataset(), DataLocations.fromEnvironment());
        } catch (DatasetNotFoundException e) {
            String why = "this test needs Fashion-MNIST: " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(false, why);
            throw e;
        }
        Path folder = TrainingRun.run(spec, data, temp.resolve("training"), EpochListener.NONE).modelFolder();
        String prefix = "jobs/" + UUID.randomUUID() + "/attempt-1/model/";
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                store.put(prefix + file.getFileName(), file, "application/octet-stream");
            }
        }
        return prefix;
    }
}
