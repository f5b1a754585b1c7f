package io.robustlab.api.results;

import io.robustlab.api.results.RobustnessResults.Corruption;
import io.robustlab.api.results.RobustnessResults.CorruptionTable;
import io.robustlab.api.results.RobustnessResults.Curve;
import io.robustlab.api.results.RobustnessResults.CurveKind;
import io.robustlab.api.results.RobustnessResults.CurvePoint;
import io.robustlab.api.results.RobustnessResults.Severity;
import io.robustlab.api.results.RobustnessResults.WeightNoiseLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Reads the results the event consumer stored for a job. */
@Repository
class JobResults {

    private final JdbcClient jdbc;

    JobResults(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public TrainingMetrics metrics(UUID jobId) {
        List<TrainingMetrics.Epoch> epochs = jdbc.sql("""
                select epoch, attempt, train_loss, train_accuracy, test_loss, test_accuracy, learning_rate, seconds
                from epoch_metric where job_id = ? order by epoch""")
                .param(jobId)
                .query((rs, row) -> new TrainingMetrics.Epoch(rs.getInt("epoch"), rs.getInt("attempt"),
                        finite(rs, "train_loss"), finite(rs, "train_accuracy"), finite(rs, "test_loss"),
                        finite(rs, "test_accuracy"), finite(rs, "learning_rate"), rs.getDouble("seconds")))
                .list();
        return new TrainingMetrics(jobId, epochs);
    }

    /** The three tables in one snapshot, so that they agree with each other while a worker adds points. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public RobustnessResults robustness(UUID jobId) {
        return new RobustnessResults(jobId, curves(jobId), corruptions(jobId), weightNoise(jobId));
    }

    private List<Curve> curves(UUID jobId) {
        record Row(String curve, String norm, CurvePoint point) {
        }
        List<Row> rows = jdbc.sql("""
                select curve, norm, epsilon, accuracy, samples from curve_point
                where job_id = ? order by curve, epsilon""")
                .param(jobId)
                .query((rs, row) -> new Row(rs.getString("curve"), rs.getString("norm"),
                        new CurvePoint(rs.getDouble("epsilon"), finite(rs, "accuracy"), rs.getInt("samples"))))
                .list();
        Map<String, List<Row>> byCurve = new LinkedHashMap<>();
        for (Row row : rows) {
            byCurve.computeIfAbsent(row.curve(), label -> new ArrayList<>()).add(row);
        }
        List<Curve> curves = new ArrayList<>();
        byCurve.forEach((label, points) -> {
            String norm = points.getFirst().norm();
            curves.add(new Curve(label, CurveKind.of(label, norm), norm,
                    points.stream().map(Row::point).toList()));
        });
        curves.sort(Comparator.comparing(Curve::kind).thenComparing(JobResults::overAllAttacks)
                .thenComparing(Curve::label));
        return curves;
    }

    /** The worst case over every attack comes after the worst cases per norm. */
    private static boolean overAllAttacks(Curve curve) {
        return curve.kind() == CurveKind.WORST_CASE
                && ("mixed".equals(curve.norm()) || curve.label().contains("all attacks"));
    }

    private CorruptionTable corruptions(UUID jobId) {
        record Row(String corruption, Severity severity) {
        }
        List<Row> rows = jdbc.sql("""
                select corruption, severity, accuracy, samples from corruption_result
                where job_id = ? order by corruption, severity""")
                .param(jobId)
                .query((rs, row) -> new Row(rs.getString("corruption"),
                        new Severity(rs.getInt("severity"), finite(rs, "accuracy"), rs.getInt("samples"))))
                .list();
        Map<String, List<Severity>> byCorruption = new LinkedHashMap<>();
        for (Row row : rows) {
            byCorruption.computeIfAbsent(row.corruption(), name -> new ArrayList<>()).add(row.severity());
        }
        List<Corruption> corruptions = new ArrayList<>();
        byCorruption.forEach((name, severities) -> corruptions.add(new Corruption(name, severities,
                mean(severities.stream().map(Severity::accuracy).toList()))));
        return new CorruptionTable(corruptions, mean(rows.stream().map(row -> row.severity().accuracy()).toList()));
    }

    private List<WeightNoiseLevel> weightNoise(UUID jobId) {
        return jdbc.sql("""
                select sigma, mean_accuracy, std_accuracy, draws from weight_noise_result
                where job_id = ? order by sigma""")
                .param(jobId)
                .query((rs, row) -> new WeightNoiseLevel(rs.getDouble("sigma"), finite(rs, "mean_accuracy"),
                        finite(rs, "std_accuracy"), rs.getInt("draws")))
                .list();
    }

    /** The mean of the defined values; null when there is none. */
    private static Double mean(List<Double> values) {
        return values.stream().filter(v -> v != null).mapToDouble(Double::doubleValue).average().stream()
                .boxed().findFirst().orElse(null);
    }

    /** A column as a number JSON can carry: null for SQL null and for NaN or infinity. */
    private static Double finite(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() || !Double.isFinite(value) ? null : value;
    }
}
