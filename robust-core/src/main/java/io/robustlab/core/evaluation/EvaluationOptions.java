package io.robustlab.core.evaluation;

/**
 * How the engine runs, apart from what the spec says.
 *
 * @param nestedReuse skip, at each epsilon, the samples already broken at a smaller one (their adversarial example
 *                    is still inside the larger ball); off, every clean-correct sample is attacked at every epsilon,
 *                    which costs more and gives a broken set that need not grow with epsilon (for benchmarks and
 *                    the test that compares the two)
 */
public record EvaluationOptions(boolean nestedReuse) {

    public static final EvaluationOptions DEFAULT = new EvaluationOptions(true);
}
