package io.robustlab.core.evaluation;

import io.robustlab.contracts.spec.CorruptionSpec;
import io.robustlab.core.corruption.Corruptions;
import io.robustlab.core.data.ExampleSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Accuracy on the samples under each corruption at each severity (Hendrycks and Dietterich 2019, "Benchmarking
 * Neural Network Robustness to Common Corruptions and Perturbations"), each corrupted copy drawn with the spec's
 * seed, so the table is the same on every run.
 */
final class CorruptionSweep {

    private CorruptionSweep() {
    }

    static CorruptionTable run(SweepContext context, CorruptionSpec spec) {
        List<CorruptionRow> rows = new ArrayList<>();
        ExampleSet samples = context.batches.samples;
        for (String name : spec.names()) {
            for (int severity : spec.severities()) {
                context.checkCancelled();
                ExampleSet corrupted = Corruptions.named(name).apply(samples, severity, context.seed);
                int[] predicted = context.batches.predict(corrupted.features(), corrupted.size());
                int correct = 0;
                for (int i = 0; i < predicted.length; i++) {
                    correct += predicted[i] == corrupted.labels()[i] ? 1 : 0;
                }
                CorruptionRow row = new CorruptionRow(name, severity, (double) correct / predicted.length);
                rows.add(row);
                context.listener.corruptionRow(row);
                context.workDone(1);
            }
        }
        double mean = rows.stream().mapToDouble(CorruptionRow::accuracy).average().orElse(Double.NaN);
        return new CorruptionTable(rows, mean);
    }
}
