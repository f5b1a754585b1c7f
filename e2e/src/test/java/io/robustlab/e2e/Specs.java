package io.robustlab.e2e;

/** The job specs the tests submit: small enough for two shared cores, each labelled with the run. */
final class Specs {

    private Specs() {
    }

    /** An MLP on a few hundred Fashion-MNIST images. */
    static String fashionMnistMlp(String run, int epochs) {
        return """
                {"apiVersion": "robustlab/v1", "kind": "Train",
                 "metadata": {"name": "e2e mlp on fashion-mnist", "labels": {"e2e": "%s"}},
                 "dataset": {"name": "fashion-mnist", "trainSize": 600, "testSize": 200},
                 "model": {"architecture": "mlp", "hidden": [64], "activation": "relu"},
                 "optimizer": {"name": "sgd", "learningRate": 0.05, "momentum": 0.9},
                 "method": {"name": "standard"},
                 "epochs": %d, "batchSize": 50, "seed": 7}
                """.formatted(run, epochs);
    }

    /**
     * FGSM and PGD at three epsilons, two corruptions at two severities and one weight-noise level, on 100 test
     * images, of the model a Train job produced.
     */
    static String evaluateTrainJob(String run, String trainJob) {
        return """
                {"apiVersion": "robustlab/v1", "kind": "Evaluate",
                 "metadata": {"name": "e2e evaluation", "labels": {"e2e": "%s"}},
                 "model": {"trainJob": "%s"},
                 "dataset": {"name": "fashion-mnist"},
                 "samples": 100,
                 "attacks": [{"name": "fgsm"}, {"name": "linf-pgd", "steps": 5}],
                 "epsilons": [{"values": [0, 0.05, 0.1]}],
                 "corruptions": {"names": ["gaussian-noise", "contrast"], "severities": [1, 3]},
                 "weightNoise": {"sigmas": [0.1], "draws": 2},
                 "batchSize": 100, "seed": 3}
                """.formatted(run, trainJob);
    }

    /**
     * An MLP on synthetic Gaussian data: no files needed. Each epoch is {@code trainSize / batchSize} steps, which
     * sets how long it takes.
     */
    static String gaussianMlp(String run, String name, int epochs, int trainSize, int batchSize, long seed) {
        return """
                {"apiVersion": "robustlab/v1", "kind": "Train",
                 "metadata": {"name": "%s", "labels": {"e2e": "%s"}},
                 "dataset": {"name": "gaussian", "trainSize": %d, "testSize": 200, "dimension": 20,
                             "mu": 0.5, "sigma": 1.0},
                 "model": {"architecture": "mlp", "hidden": [32], "activation": "tanh"},
                 "optimizer": {"name": "sgd", "learningRate": 0.05, "momentum": 0},
                 "epochs": %d, "batchSize": %d, "seed": %d}
                """.formatted(name, run, trainSize, epochs, batchSize, seed);
    }
}
