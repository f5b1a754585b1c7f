package io.robustlab.contracts.spec;

/**
 * Which data, and how much of it.
 *
 * @param name      {@code mnist}, {@code fashion-mnist}, {@code permuted-mnist}, {@code cifar10},
 *                  {@code gaussian} or {@code bernoulli}
 * @param trainSize examples drawn from the training split (null: all of it; for synthetic sets: required count n)
 * @param testSize  examples drawn from the test split (null: all of it)
 * @param seed      which subset is drawn, and the draw of synthetic data
 * @param task      permuted-mnist only: task k uses the fixed pixel permutation drawn from seed k
 * @param dimension synthetic only: d, the number of features
 * @param mu        gaussian only: every coordinate of the class mean (x|y ~ N(y·mu·1, sigma²·I), y = ±1)
 * @param sigma     gaussian only: the standard deviation
 * @param tau       bernoulli only: x_i = y·theta_i with probability (1+tau)/2, else −y·theta_i
 */
public record DatasetSpec(
        String name,
        Integer trainSize,
        Integer testSize,
        Long seed,
        Integer task,
        Integer dimension,
        Double mu,
        Double sigma,
        Double tau) {
}
