package io.robustlab.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import io.robustlab.core.model.Network;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/** One pass over the training split: shuffle, then a training step per batch, each batch in its own manager. */
final class EpochTrainer {

    private final Network network;
    private final TrainingStep step;
    private final Optional<AdversarialTraining> adversarial;
    private final ExampleBatches batches;
    private final int batchSize;
    private final long seed;
    private final NDManager manager;

    EpochTrainer(Network network, Optimizer optimizer, Optional<AdversarialTraining> adversarial,
            ExampleBatches batches, int batchSize, long seed, NDManager manager) {
        this.network = network;
        this.step = new TrainingStep(network, optimizer);
        this.adversarial = adversarial;
        this.batches = batches;
        this.batchSize = batchSize;
        this.seed = seed;
        this.manager = manager;
    }

    record Pass(double loss, double accuracy, double seconds) {
    }

    /**
     * Trains one epoch. The correct count accumulates on the device and is read once; the loss is read per batch
     * (one scalar) to stop at the first NaN or infinite loss before it reaches the parameters.
     *
     * @throws TrainingDivergedException  when a batch's loss is NaN or infinite
     * @throws TrainingCancelledException when {@code cancelled} turns true between batches
     */
    Pass train(int epoch, double learningRate, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        int[] order = batches.shuffledOrder(RandomStreams.shuffle(seed, epoch));
        double lossSum = 0;
        try (NDArray correct = manager.zeros(new Shape(), DataType.INT64)) {
            int batchNumber = 0;
            for (int from = 0; from < order.length; from += batchSize) {
                if (cancelled.getAsBoolean()) {
                    throw new TrainingCancelledException(epoch - 1);
                }
                batchNumber++;
                int to = Math.min(order.length, from + batchSize);
                try (NDManager batchManager = manager.newSubManager()) {
                    NDList batch = batches.batch(batchManager, order, from, to);
                    NDArray labels = batch.get(1);
                    NDArray inputs = batch.get(0);
                    if (adversarial.isPresent()) {
                        inputs = adversarial.get().mix(network, inputs, labels,
                                RandomStreams.attack(seed, epoch, batchNumber));
                    }
                    TrainingStep.Outcome outcome = step.run(inputs, labels, learningRate);
                    if (!Float.isFinite(outcome.loss())) {
                        throw new TrainingDivergedException(epoch, batchNumber, outcome.loss());
                    }
                    lossSum += (double) outcome.loss() * (to - from);
                    correct.addi(outcome.logits().argMax(1).eq(labels).sum());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Pass(lossSum / order.length, (double) correct.getLong() / order.length, seconds);
        }
    }
}
