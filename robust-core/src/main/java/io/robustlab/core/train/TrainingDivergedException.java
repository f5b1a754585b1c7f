package io.robustlab.core.train;

/** The training loss became NaN or infinite; the parameters of that step were not updated. */
public class TrainingDivergedException extends RuntimeException {

    private final int epoch;
    private final int batch;

    public TrainingDivergedException(int epoch, int batch, double loss) {
        super("diverged at epoch " + epoch + " batch " + batch + ": loss " + loss);
        this.epoch = epoch;
        this.batch = batch;
    }

    /** Counted from 1. */
    public int epoch() {
        return epoch;
    }

    /** Counted from 1 within the epoch. */
    public int batch() {
        return batch;
    }
}
