package io.robustlab.core.train;

/** The caller asked the run to stop; the newest checkpoint holds every finished epoch. */
public class TrainingCancelledException extends RuntimeException {

    private final int completedEpochs;

    public TrainingCancelledException(int completedEpochs) {
        super("training cancelled after " + completedEpochs + " completed epochs");
        this.completedEpochs = completedEpochs;
    }

    public int completedEpochs() {
        return completedEpochs;
    }
}
