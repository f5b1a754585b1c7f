package io.robustlab.contracts.spec;

import static java.util.Objects.requireNonNullElse;

import io.robustlab.contracts.spec.SpecChecks.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * One part of an epsilon grid: the grid is the sorted union of its parts, so
 * {@code [0] + [1,2,4,8]×1e-4 + round(logspace(0, 3.5, 15, base=2)×1e-2, 3)} is written as three parts:
 * <pre>{@code
 * [ {"values": [0]},
 *   {"values": [1, 2, 4, 8], "scale": 1e-4},
 *   {"logspace": {"start": 0, "stop": 3.5, "num": 15, "base": 2}, "scale": 0.01, "decimals": 3} ]
 * }</pre>
 * A part has exactly one of values, linspace and logspace. Each point is multiplied by scale and then, if
 * decimals is given, rounded as numpy rounds ({@code np.round(x, decimals)}: rint(x·10^decimals)/10^decimals,
 * ties to even), so a grid written the numpy way gives the same doubles. linspace and logspace follow numpy's
 * definitions: linspace to the bit, logspace with base^x rounded once to the nearest double, which is numpy's
 * result wherever its pow is correctly rounded (glibc's nearly always is; numpy's AVX-512 pow is a unit in the
 * last place off for some points). The same part gives the same doubles on every machine.
 *
 * <p>Defaults ({@link #withDefaults()}): scale 1; logspace base 10; no rounding. Rules: values non-empty, each
 * ≥ 0, ascending without repeats; linspace start ≥ 0; start &lt; stop; num in [2, 1000]; base &gt; 1; scale
 * &gt; 0; decimals in [0, 15]; every point finite.
 *
 * @param values   the points as written
 * @param linspace num points evenly spaced from start to stop, both included
 * @param logspace num points base^x, x evenly spaced from start to stop, both included
 * @param scale    every point is multiplied by it (default 1)
 * @param decimals if given, every scaled point is rounded to this many decimal places
 */
public record EpsilonGridPart(
        List<Double> values,
        Linspace linspace,
        Logspace logspace,
        Double scale,
        Integer decimals) {

    private static final int MAX_NUM = 1_000;
    private static final int MAX_DECIMALS = 15;

    /**
     * {@code numpy.linspace(start, stop, num)}: point i is i·step + start with step = (stop − start)/(num − 1),
     * and the last point is stop exactly.
     */
    public record Linspace(Double start, Double stop, Integer num) {
    }

    /** {@code numpy.logspace(start, stop, num, base)}: base raised to each point of linspace(start, stop, num). */
    public record Logspace(Double start, Double stop, Integer num, Double base) {
    }

    /** The explicit points, with no scale or rounding. */
    public static EpsilonGridPart of(double... values) {
        return new EpsilonGridPart(DoubleStream.of(values).boxed().toList(), null, null, null, null);
    }

    /** A copy with scale 1 and logspace base 10 filled in where they are left out. */
    public EpsilonGridPart withDefaults() {
        Logspace filledLogspace = logspace == null || logspace.base() != null ? logspace
                : new Logspace(logspace.start(), logspace.stop(), logspace.num(), 10.0);
        return new EpsilonGridPart(values, linspace, filledLogspace, requireNonNullElse(scale, 1.0), decimals);
    }

    /**
     * The points of a valid part in the order they are defined, scaled and rounded: what it adds to the grid.
     *
     * @throws IllegalStateException if the part is not valid
     */
    public double[] points() {
        EpsilonGridPart filled = withDefaults();
        if (!filled.isValid()) {
            throw new IllegalStateException("an epsilon grid part with violations has no points: " + this);
        }
        return filled.scaledPoints();
    }

    /** The grid the parts make: every point of every part, sorted ascending, each once. */
    public static double[] grid(List<EpsilonGridPart> parts) {
        return parts.stream().flatMapToDouble(part -> DoubleStream.of(part.points())).sorted().distinct().toArray();
    }

    /** How many points it has before rounding merges any: at least as many as it adds to the grid. */
    int size() {
        return values != null ? values.size() : linspace != null ? linspace.num() : logspace.num();
    }

    private double[] scaledPoints() {
        double[] points = rawPoints();
        for (int i = 0; i < points.length; i++) {
            points[i] = scaleAndRound(points[i]);
        }
        return points;
    }

    private double scaleAndRound(double point) {
        double scaled = point * scale;
        if (decimals != null) {
            double factor = Double.parseDouble("1e" + decimals); // exactly 10^decimals, as numpy's 10**decimals
            scaled = Math.rint(scaled * factor) / factor;
        }
        return scaled + 0.0; // turns a -0.0 into 0.0, so that a grid never holds both
    }

    /** The largest point before scaling, of a part whose fields are valid; points grow with their index. */
    private double largestRawPoint() {
        if (values != null) {
            return values.getLast();
        }
        return linspace != null ? linspace.stop() : CorrectlyRounded.pow(logspace.base(), logspace.stop());
    }

    private double[] rawPoints() {
        if (values != null) {
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }
        if (linspace != null) {
            return linspace(linspace.start(), linspace.stop(), linspace.num());
        }
        return CorrectlyRounded.powers(logspace.base(), linspace(logspace.start(), logspace.stop(), logspace.num()));
    }

    /** numpy.linspace with endpoint=True, operation for operation, for num ≥ 2. */
    private static double[] linspace(double start, double stop, int num) {
        double delta = stop - start;
        int div = num - 1;
        double step = delta / div;
        double[] points = new double[num];
        for (int i = 0; i < num; i++) {
            points[i] = (step == 0 ? i / (double) div * delta : i * step) + start;
        }
        points[num - 1] = stop;
        return points;
    }

    /** Whether a part whose defaults are filled in breaks no rule: only then has it points. */
    private boolean isValid() {
        SpecChecks own = new SpecChecks();
        check(own);
        return own.count() == 0;
    }

    /** Checks a part whose defaults are filled in. */
    void check(SpecChecks checks) {
        List<String> given = new ArrayList<>();
        if (values != null) {
            given.add("values");
        }
        if (linspace != null) {
            given.add("linspace");
        }
        if (logspace != null) {
            given.add("logspace");
        }
        if (given.size() != 1) {
            checks.add("", "must have exactly one of values, linspace, logspace"
                    + (given.isEmpty() ? "" : " (got " + String.join(", ", given) + ")"));
            return;
        }
        boolean valid = checks.in("scale", scale, Range.above(0))
                & (decimals == null || checks.integerIn("decimals", decimals, 0, MAX_DECIMALS));
        if (values != null) {
            valid &= checkValues(checks);
        } else if (linspace != null) {
            SpecChecks at = checks.nested("linspace");
            valid &= checkSpan(at, linspace.start(), linspace.stop(), linspace.num());
            valid &= linspace.start() == null || at.in("start", linspace.start(), Range.atLeast(0));
        } else {
            SpecChecks at = checks.nested("logspace");
            valid &= checkSpan(at, logspace.start(), logspace.stop(), logspace.num());
            valid &= at.in("base", logspace.base(), Range.above(1));
        }
        if (valid && !Double.isFinite(scaleAndRound(largestRawPoint()))) {
            checks.add("", "must have finite points: its largest overflows a double");
        }
    }

    private boolean checkValues(SpecChecks checks) {
        if (!checks.nonEmpty("values", values)) {
            return false;
        }
        boolean valid = checks.ascending("values", values);
        for (int i = 0; i < values.size(); i++) {
            valid &= values.get(i) == null || checks.in("values[" + i + "]", values.get(i), Range.atLeast(0));
        }
        return valid;
    }

    private static boolean checkSpan(SpecChecks checks, Double start, Double stop, Integer num) {
        boolean valid = checks.required("start", start) & checks.required("stop", stop) & checks.required("num", num);
        valid &= num == null || checks.integerIn("num", num, 2, MAX_NUM);
        if (start != null && stop != null && stop <= start) {
            checks.add("stop", "must be > start (" + CanonicalNumber.format(start) + ")");
            valid = false;
        }
        return valid;
    }
}
