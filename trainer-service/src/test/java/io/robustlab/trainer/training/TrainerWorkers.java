package io.robustlab.trainer.training;

import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.trainer.TrainerApplication;
import io.robustlab.worker.testing.TestBroker;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts trainer workers against a test broker, with a filesystem store and small Train jobs on Gaussian data. */
final class TrainerWorkers {

    private TrainerWorkers() {
    }

    /** A trainer worker as the application starts, minus the web server, storing under {@code storeRoot}. */
    static ConfigurableApplicationContext start(TestBroker broker, Path storeRoot, Path workDirectory) {
        return new SpringApplicationBuilder(TrainerApplication.class).web(WebApplicationType.NONE)
                .run(broker.workerArguments(Map.of(
                        "robustlab.artifacts.store", "filesystem",
                        "robustlab.artifacts.root", storeRoot,
                        "robustlab.worker.work-directory", workDirectory,
                        "robustlab.worker.threads", 1)));
    }

    /** A Train job message: an MLP with one hidden layer of 16 on two Gaussian classes in 10 dimensions. */
    static JobMessage job(int epochs, int trainSize, int batchSize) {
        String spec = """
                {"apiVersion": "robustlab/v1", "kind": "Train",
                 "dataset": {"name": "gaussian", "trainSize": %d, "testSize": 100, "dimension": 10},
                 "model": {"architecture": "mlp", "hidden": [16]},
                 "optimizer": {"name": "sgd", "learningRate": 0.05},
                 "epochs": %d, "batchSize": %d, "seed": 3}""".formatted(trainSize, epochs, batchSize);
        return new JobMessage(UUID.randomUUID().toString(), 1, SpecCodec.parse(spec).withDefaults(), null);
    }
}
