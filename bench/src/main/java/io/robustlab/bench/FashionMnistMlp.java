package io.robustlab.bench;

import ai.djl.ndarray.NDManager;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.contracts.spec.TrainSpec;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.Dataset;
import io.robustlab.core.data.Datasets;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.SavedModel;
import io.robustlab.core.train.EpochListener;
import io.robustlab.core.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The model the attack benchmarks measure, MLP 784-1024-1024-10 on Fashion-MNIST, and the spec choosing samples. */
final class FashionMnistMlp {

    private FashionMnistMlp() {
    }

    /**
     * The {@code foolbox-sweep} preset on {@code samples} Fashion-MNIST test samples, seed 0: the samples every
     * attack benchmark measures ({@code EvaluationSamples.load}) and the sweep {@code RobustnessSweep} runs.
     */
    static EvaluateSpec foolboxSweep(int samples, int batchSize) {
        return (EvaluateSpec) SpecCodec.parse("""
                {"apiVersion": "robustlab/v1", "kind": "Evaluate", "model": {"path": "bench"},
                 "dataset": {"name": "fashion-mnist"}, "samples": %d, "batchSize": %d, "seed": 0,
                 "preset": "foolbox-sweep"}""".formatted(samples, batchSize));
    }

    /** "MLP 784-1024-1024-10, 1,863,690 parameters" for an MLP, else the network's own description. */
    static String describe(Network network) {
        if (!network.spec().architecture().equals("mlp")) {
            return network.toString();
        }
        StringBuilder widths = new StringBuilder("MLP ").append(Arrays.stream(network.exampleShape())
                .reduce(1, (a, b) -> a * b));
        network.spec().hidden().forEach(width -> widths.append('-').append(width));
        return String.format(Locale.ROOT, "%s-%d, %,d parameters", widths, network.classes(),
                network.parameterCount());
    }

    /**
     * The network: {@code source} is either a number of training examples, and the MLP is trained one epoch on
     * them (SGD, momentum 0.9, batch 100, seed 1), or a model folder to load.
     */
    static Network trainedOrLoaded(String source, DataLocations locations, NDManager manager) throws Exception {
        if (!source.matches("\\d+")) {
            return SavedModel.load(Path.of(source), manager);
        }
        TrainSpec spec = (TrainSpec) SpecCodec.parse("""
                {"apiVersion": "robustlab/v1", "kind": "Train",
                 "dataset": {"name": "fashion-mnist", "trainSize": %d, "testSize": 1000},
                 "model": {"architecture": "mlp", "hidden": [1024, 1024]},
                 "optimizer": {"name": "sgd", "learningRate": 0.05, "momentum": 0.9},
                 "epochs": 1, "batchSize": 100, "seed": 1}""".formatted(Integer.parseInt(source)));
        Dataset data = Datasets.load(spec.dataset(), locations);
        Path workDir = Files.createTempDirectory("bench-mlp-");
        return SavedModel.load(TrainingRun.run(spec, data, workDir, EpochListener.NONE).modelFolder(), manager);
    }
}
