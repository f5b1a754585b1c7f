package io.robustlab.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import io.robustlab.core.model.Network;

import java.util.Optional;
import java.util.function.Supplier;

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

    /** How a call to {@link #train} ended. */
    sealed interface Outcome permits Pass, Suspended {
    }

    /** The epoch is finished: mean loss and accuracy over its batches as they were trained, and its time. */
    record Pass(double loss, double accuracy, double seconds) implements Outcome {
    }

    /** The epoch stopped part-way on {@link StopRequest#SUSPEND}, after at least one batch. */
    record Suspended(PartialEpoch partial) implements Outcome {
    }

    /**
     * Trains epoch {@code epoch} from where {@code start} left it ({@link PartialEpoch#NONE}: from its first batch).
     * The correct count accumulates on the device and is read once; the loss is read per batch (one scalar) to
     * stop at the first NaN or infinite loss before it reaches the parameters.
     *
     * @throws TrainingDivergedException  when a batch's loss is NaN or infinite
     * @throws TrainingCancelledException when {@code stop} asks to cancel between batches
     * @throws TrainingSuspendedException when {@code stop} asks to suspend before this call trained any batch of
     *                                    an epoch not yet started (there is nothing to keep)
     */
    Outcome train(int epoch, double learningRate, Supplier<StopRequest> stop, PartialEpoch start) {
        long began = System.nanoTime();
        int[] order = batches.shuffledOrder(RandomStreams.shuffle(seed, epoch));
        double lossSum = start.lossSum();
        int batchNumber = start.batches();
        try (NDArray correct = manager.create(start.correct())) {
            for (int from = batchNumber * batchSize; from < order.length; from += batchSize) {
                switch (stop.get()) {
                    case CANCEL -> throw new TrainingCancelledException(epoch - 1);
                    case SUSPEND -> {
                        if (batchNumber == 0) {
                            throw new TrainingSuspendedException(
                                    epoch == 1 ? null : new CheckpointPosition(epoch - 1, 0));
                        }
                        return new Suspended(new PartialEpoch(batchNumber, lossSum, correct.getLong(),
                                start.seconds() + (System.nanoTime() - began) / 1e9));
                    }
                    case NONE -> { }
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
            double seconds = start.seconds() + (System.nanoTime() - began) / 1e9;
            return new Pass(lossSum / order.length, (double) correct.getLong() / order.length, seconds);
        }
    }
}
