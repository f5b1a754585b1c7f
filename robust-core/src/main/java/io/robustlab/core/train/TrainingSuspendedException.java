package io.robustlab.core.train;

import java.util.Optional;

/** The run stopped on {@link StopRequest#SUSPEND}; its newest checkpoint resumes it exactly. */
public class TrainingSuspendedException extends RuntimeException {

    private final CheckpointPosition position;

    /** @param position where the newest checkpoint stands, or null when the run stopped before its first batch */
    public TrainingSuspendedException(CheckpointPosition position) {
        super(position == null ? "training suspended before its first batch"
                : "training suspended " + position.describe() + "; its checkpoint resumes it");
        this.position = position;
    }

    /** Where the newest checkpoint, written before this was thrown, stands; empty when there is none. */
    public Optional<CheckpointPosition> position() {
        return Optional.ofNullable(position);
    }
}
