package io.robustlab.core.train;

/**
 * What an epoch interrupted part-way has done so far: enough to finish it as if it had never stopped. The shuffle
 * and the attack streams of the rest of the epoch follow from the seed, the epoch and the batch number
 * ({@link RandomStreams}), so only the running sums are kept.
 *
 * @param batches  batches trained in this epoch
 * @param lossSum  the sum over those batches of loss × batch size
 * @param correct  examples of those batches the network classified correctly as it trained on them
 * @param seconds  time spent on them
 */
record PartialEpoch(int batches, double lossSum, long correct, double seconds) {

    static final PartialEpoch NONE = new PartialEpoch(0, 0, 0, 0);
}
