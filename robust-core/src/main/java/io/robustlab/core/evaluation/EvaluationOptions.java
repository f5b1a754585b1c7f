package io.robustlab.core.evaluation;

/**
 * How the engine runs, apart from what the spec says.
 *
 * @param nestedReuse skip, at each epsilon, the samples already broken at a smaller one (their adversarial example
 *                    is still inside the larger ball); off, every clean-correct sample is attacked at every epsilon,
 *                    which costs more and gives a broken set that need not grow with epsilon (for benchmarks and
 *                    the test that compares the two)
 * @param earlyExit   fixed-budget attacks stop working on a sample once it is fooled ({@code StopRule.AT_GOAL});
 *                    off, every sample runs every step ({@code StopRule.NEVER}), for benchmarks. Minimum-norm attacks
 *                    always exit early
 */
public record EvaluationOptions(boolean nestedReuse, boolean earlyExit) {

    public static final EvaluationOptions DEFAULT = new EvaluationOptions(true, true);

    /** With early exit. */
    public EvaluationOptions(boolean nestedReuse) {
        this(nestedReuse, true);
    }
}
