package io.robustlab.contracts.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the violations of one spec, each under its field path, so a person sees all of them at once.
 * A nested view ({@link #nested}) shares the list and prefixes its field names with its own path.
 * Every check ignores a null value: what is required is checked by {@link #required}.
 */
final class SpecChecks {

    private final List<SpecViolation> found;
    private final String path;

    SpecChecks() {
        this(new ArrayList<>(), "");
    }

    private SpecChecks(List<SpecViolation> found, String path) {
        this.found = found;
        this.path = path;
    }

    SpecChecks nested(String name) {
        return new SpecChecks(found, pathOf(name));
    }

    String pathOf(String name) {
        if (path.isEmpty() || name.isEmpty()) {
            return path + name;
        }
        return name.startsWith("[") ? path + name : path + "." + name;
    }

    List<SpecViolation> violations() {
        return List.copyOf(found);
    }

    /** How many violations have been found so far, by this view and every other view of the same spec. */
    int count() {
        return found.size();
    }

    void add(String name, String message) {
        found.add(new SpecViolation(pathOf(name), message));
    }

    /** Whether the value is present; if not, says it is required. */
    boolean required(String name, Object value) {
        return requiredFor(name, value, "");
    }

    /** Whether the value is present; if not, says it is required, and for what ({@code for method adversarial}). */
    boolean requiredFor(String name, Object value, String what) {
        if (value == null) {
            add(name, what.isEmpty() ? "is required" : "is required for " + what);
        }
        return value != null;
    }

    /** A field given for a variant it does not belong to ({@code model.width} with an mlp) is an error, not ignored. */
    void onlyFor(String name, Object value, String variant) {
        if (value != null) {
            add(name, "applies only to " + variant);
        }
    }

    /** The part every kind shares: apiVersion, kind and metadata. */
    void header(JobSpec spec, String expectedKind) {
        if (required("apiVersion", spec.apiVersion())) {
            equalTo("apiVersion", spec.apiVersion(), JobSpec.API_VERSION);
        }
        if (required("kind", spec.kind())) {
            equalTo("kind", spec.kind(), expectedKind);
        }
        spec.metadata().check(nested("metadata"));
    }

    void equalTo(String name, String value, String expected) {
        if (value != null && !value.equals(expected)) {
            add(name, "must be " + expected + " (got \"" + value + "\")");
        }
    }

    /** Whether the name is one of the allowed ones; if not, lists them. */
    boolean oneOf(String name, String value, List<String> allowed) {
        if (value == null || allowed.contains(value)) {
            return value != null;
        }
        add(name, "must be one of " + String.join(", ", allowed) + " (got \"" + value + "\")");
        return false;
    }

    /** Whether the list has an element; if not, says it must not be empty. A null list is not checked. */
    boolean nonEmpty(String name, List<?> list) {
        if (list != null && list.isEmpty()) {
            add(name, "must not be empty");
        }
        return list != null && !list.isEmpty();
    }

    /**
     * Says which elements are missing or not above the one before them: a list of numbers that is a set, written
     * in one order, so that the same set is always the same spec. Returns whether all are present and ascending.
     */
    boolean ascending(String name, List<? extends Number> values) {
        if (values == null) {
            return false;
        }
        boolean ascending = true;
        Number before = null;
        for (int i = 0; i < values.size(); i++) {
            String element = name + "[" + i + "]";
            Number value = values.get(i);
            if (!required(element, value)) {
                ascending = false;
            } else if (before != null && value.doubleValue() <= before.doubleValue()) {
                add(element, "must be > " + CanonicalNumber.format(before.doubleValue())
                        + ", the value before it (ascending, no repeats)");
                ascending = false;
            }
            before = value != null ? value : before;
        }
        return ascending;
    }

    /** Whether the integer is within [min, max]; if not, says which bound it breaks. */
    boolean integerIn(String name, Number value, long min, long max) {
        if (value == null) {
            return false;
        }
        long v = value.longValue();
        if (v < min) {
            add(name, min == 1 ? "must be > 0" : "must be >= " + min);
        } else if (v > max) {
            add(name, "must be <= " + max);
        }
        return min <= v && v <= max;
    }

    /** Whether the number is in the range; if not (NaN included), names the range. */
    boolean in(String name, Double value, Range range) {
        if (value == null) {
            return false;
        }
        if (!range.contains(value)) {
            add(name, "must be " + range);
        }
        return range.contains(value);
    }

    void finite(String name, Double value) {
        if (value != null && !Double.isFinite(value)) {
            add(name, "must be a finite number");
        }
    }

    /** An interval of the real line; an infinite bound is always excluded. */
    record Range(double low, boolean lowIncluded, double high, boolean highIncluded) {

        static Range above(double low) {
            return new Range(low, false, Double.POSITIVE_INFINITY, false);
        }

        static Range atLeast(double low) {
            return new Range(low, true, Double.POSITIVE_INFINITY, false);
        }

        static Range closed(double low, double high) {
            return new Range(low, true, high, true);
        }

        static Range closedOpen(double low, double high) {
            return new Range(low, true, high, false);
        }

        static Range openClosed(double low, double high) {
            return new Range(low, false, high, true);
        }

        boolean contains(double value) {
            boolean aboveLow = lowIncluded ? value >= low : value > low;
            boolean belowHigh = highIncluded ? value <= high : value < high;
            return aboveLow && belowHigh;
        }

        /** {@code in [0, 1)}, or {@code > 0} when there is no upper bound. */
        @Override
        public String toString() {
            if (high == Double.POSITIVE_INFINITY) {
                return (lowIncluded ? ">= " : "> ") + CanonicalNumber.format(low);
            }
            return "in " + (lowIncluded ? "[" : "(") + CanonicalNumber.format(low) + ", "
                    + CanonicalNumber.format(high) + (highIncluded ? "]" : ")");
        }
    }
}
