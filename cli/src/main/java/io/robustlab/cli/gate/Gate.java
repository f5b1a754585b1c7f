package io.robustlab.cli.gate;

import io.robustlab.cli.CliException;
import io.robustlab.cli.Exit;
import io.robustlab.cli.results.CurveChoice;
import io.robustlab.cli.results.CurveCsv;
import io.robustlab.cli.results.RobustnessCurves;
import io.robustlab.cli.results.RobustnessCurves.Curve;
import io.robustlab.cli.results.RobustnessCurves.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Judges an Evaluate job's curves against thresholds.
 *
 * <ul>
 *   <li><b>Clean accuracy</b> is the ε = 0 point of the curves (robust-core makes every curve's ε = 0 point the
 *       clean accuracy exactly); when the grid has no 0, it is the {@code cleanAccuracy} of the job's
 *       {@code result.json}, asked for only then.</li>
 *   <li><b>Robust accuracy</b> is the chosen curve's point at {@code --at-eps}. An epsilon that is not on the job's
 *       grid is refused ({@link Exit#USAGE}) with the grid's epsilons: the gate neither interpolates nor takes a
 *       neighbouring point, since a smaller budget would overstate robustness and a larger one would check
 *       something other than what was asked. Grid points are matched up to a relative 1e-9, so that {@code 0.1}
 *       typed on the command line matches the grid's 0.1 however it was computed.</li>
 *   <li>A point whose accuracy was not measured (no sample counted) fails its check.</li>
 * </ul>
 */
public final class Gate {

    private Gate() {
    }

    /** Where the clean accuracy comes from when the grid has no ε = 0. */
    public record CleanAccuracy(double accuracy, int samples, String source) {
    }

    /**
     * @param resultCleanAccuracy the clean accuracy the job's result.json reports; called only when needed
     * @throws CliException {@link Exit#USAGE} when the curve or the epsilon asked for is not in the job's results
     */
    public static GateVerdict judge(String jobId, String jobName, RobustnessCurves curves, GateThresholds thresholds,
            Supplier<CleanAccuracy> resultCleanAccuracy) {
        List<GateCheck> checks = new ArrayList<>();
        Curve chosen = thresholds.minRobust() == null ? null : CurveChoice.pick(curves, thresholds.attack());
        if (thresholds.minClean() != null) {
            checks.add(cleanCheck(curves, chosen, thresholds.minClean(), resultCleanAccuracy));
        }
        if (chosen != null) {
            Point point = pointAt(curves, chosen, thresholds.atEpsilon());
            checks.add(new GateCheck("robust accuracy at ε = " + CurveCsv.number(point.epsilon()) + " ("
                    + chosen.label() + ")", thresholds.minRobust(), point.accuracy(), point.samples(),
                    "curve " + chosen.label() + ", ε = " + CurveCsv.number(point.epsilon())));
        }
        return new GateVerdict(jobId, jobName, List.copyOf(checks));
    }

    private static GateCheck cleanCheck(RobustnessCurves curves, Curve chosen, double required,
            Supplier<CleanAccuracy> resultCleanAccuracy) {
        List<Curve> candidates = new ArrayList<>();
        if (chosen != null) {
            candidates.add(chosen);
        }
        curves.curves().stream().filter(Curve::worstOverAllAttacks).forEach(candidates::add);
        candidates.addAll(curves.curves());
        for (Curve curve : candidates) {
            Optional<Point> clean = curve.points().stream().filter(p -> p.epsilon() == 0).findFirst();
            if (clean.isPresent()) {
                return new GateCheck("clean accuracy", required, clean.get().accuracy(), clean.get().samples(),
                        "curve " + curve.label() + ", ε = 0");
            }
        }
        CleanAccuracy fromResult = resultCleanAccuracy.get();
        return new GateCheck("clean accuracy", required, fromResult.accuracy(), fromResult.samples(),
                fromResult.source());
    }

    private static Point pointAt(RobustnessCurves curves, Curve curve, double epsilon) {
        return curve.points().stream()
                .filter(point -> sameEpsilon(point.epsilon(), epsilon))
                .min(Comparator.comparingDouble(point -> Math.abs(point.epsilon() - epsilon)))
                .orElseThrow(() -> new CliException(Exit.USAGE, "ε = " + CurveCsv.number(epsilon)
                        + " is not on the epsilon grid of job " + curves.jobId() + " (curve " + curve.label()
                        + "); it has: " + curve.points().stream().map(p -> CurveCsv.number(p.epsilon()))
                        .collect(Collectors.joining(", "))
                        + ". The gate checks a measured point only: pick one of these or evaluate at this ε."));
    }

    static boolean sameEpsilon(double measured, double asked) {
        return Math.abs(measured - asked) <= 1e-9 * Math.max(Math.abs(measured), Math.abs(asked));
    }
}
