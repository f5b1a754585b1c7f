package io.robustlab.contracts.spec;

/**
 * A hidden-layer non-linearity. In JSON either a bare name ({@code "relu"}) or an object with parameters.
 *
 * @param name    {@code relu}, {@code tanh}, {@code sigmoid}, {@code relog} or {@code maxout}
 * @param base    relog only: b in y = log_b(relu(x) + epsilon) + offset
 * @param epsilon relog only: keeps the logarithm finite at zero
 * @param offset  relog only: c, added after the logarithm
 * @param pieces  maxout only: k, the number of linear pieces each unit takes the maximum of
 */
public record ActivationSpec(String name, Double base, Double epsilon, Double offset, Integer pieces) {
}
