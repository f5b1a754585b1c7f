package io.robustlab.core.evaluation;

/** Hears an evaluation as it goes: each finished curve point and table row, and progress; on the run's thread. */
public interface EvaluationListener {

    EvaluationListener NONE = new EvaluationListener() {
    };

    /** One attack (or worst case) at one epsilon is counted. */
    default void curvePoint(CurvePoint point) {
    }

    /** One corruption at one severity is measured. */
    default void corruptionRow(CorruptionRow row) {
    }

    /** One weight-noise level is measured over all its draws. */
    default void weightNoiseRow(WeightNoiseRow row) {
    }

    /** The fraction of the run's work done, in [0, 1], non-decreasing. */
    default void progress(double fraction) {
    }
}
