package io.robustlab.core.train;

/**
 * Hears about each finished epoch, after its checkpoint is written. Workers forward these as events. A listener
 * that throws aborts the run; the checkpoint of that epoch is kept.
 */
@FunctionalInterface
public interface EpochListener {

    EpochListener NONE = metrics -> { };

    void onEpoch(EpochMetrics metrics);
}
