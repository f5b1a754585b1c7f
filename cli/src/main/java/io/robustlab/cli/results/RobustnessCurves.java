package io.robustlab.cli.results;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The curves of {@code GET /api/v1/jobs/{id}/curves} (the API's {@code RobustnessResults}): attack curves by label,
 * then the worst cases per norm, then the worst case over all attacks; points by increasing epsilon.
 */
public record RobustnessCurves(String jobId, List<Curve> curves) {

    public static final String ATTACK = "attack";
    public static final String WORST_CASE = "worst-case";

    /**
     * @param label  {@code linf-pgd (L∞)}, {@code worst-case L∞}, {@code worst-case (all attacks)}, …
     * @param kind   {@value #ATTACK} or {@value #WORST_CASE}
     * @param norm   {@code linf}, {@code l2}, or {@code mixed} for a worst case over both
     */
    public record Curve(String label, String kind, String norm, List<Point> points) {

        public boolean worstCase() {
            return WORST_CASE.equals(kind);
        }

        /** The worst case over every attack of the job (robust-core labels it {@code worst-case (all attacks…)}). */
        public boolean worstOverAllAttacks() {
            return worstCase() && label.startsWith("worst-case (all attacks");
        }

        /** The attack's label without its norm ({@code linf-pgd}), or the whole label of a worst case. */
        public String attackName() {
            int norm = label.lastIndexOf(" (");
            return !worstCase() && norm > 0 ? label.substring(0, norm) : label;
        }
    }

    /**
     * @param accuracy robust accuracy in [0, 1]; null when no sample was counted
     * @param samples  how many samples it was measured on
     */
    public record Point(double epsilon, Double accuracy, int samples) {
    }

    /** Reads the API's answer; corruption and weight-noise tables are not curves and are left out. */
    public static RobustnessCurves of(JsonNode answer) {
        List<Curve> curves = new ArrayList<>();
        for (JsonNode curve : answer.path("curves")) {
            List<Point> points = new ArrayList<>();
            for (JsonNode point : curve.path("points")) {
                JsonNode accuracy = point.path("accuracy");
                points.add(new Point(point.path("epsilon").asDouble(),
                        accuracy.isNumber() ? accuracy.asDouble() : null, point.path("samples").asInt()));
            }
            curves.add(new Curve(curve.path("label").asString(), curve.path("kind").asString(),
                    curve.path("norm").asString(null), List.copyOf(points)));
        }
        return new RobustnessCurves(answer.path("jobId").asString(null), List.copyOf(curves));
    }

    /** The epsilons measured, ascending, each once (every curve of a job has the same grid). */
    public List<Double> epsilons() {
        return curves.stream().flatMap(c -> c.points().stream()).map(Point::epsilon).distinct().sorted().toList();
    }
}
