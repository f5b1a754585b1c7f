package io.robustlab.core.evaluation;

/** The caller asked the evaluation to stop; nothing of it is kept. */
public class EvaluationCancelledException extends RuntimeException {

    public EvaluationCancelledException() {
        super("evaluation cancelled");
    }
}
