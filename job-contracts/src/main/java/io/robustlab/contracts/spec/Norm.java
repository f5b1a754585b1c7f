package io.robustlab.contracts.spec;

/**
 * The norm an attack's perturbation budget epsilon is measured in. Every robustness curve is labelled with it:
 * an L∞ epsilon and an L2 epsilon of the same number are different budgets.
 */
public enum Norm {

    /** The largest change to any one input value. */
    LINF("L∞"),

    /** The Euclidean length of the whole change. */
    L2("L2");

    private final String symbol;

    Norm(String symbol) {
        this.symbol = symbol;
    }

    /** {@code L∞} or {@code L2}, as curves and tables show it. */
    public String symbol() {
        return symbol;
    }
}
