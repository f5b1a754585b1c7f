package io.robustlab.cli.gate;

import io.robustlab.cli.results.CurveCsv;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The verdict as a table for a CI log:
 * <pre>
 * robustlab gate: job 3f2c9d1e-… "resnet nightly"
 * result  check                                              measured  required  samples  from
 * PASS    clean accuracy                                     0.9620    >= 0.95   1000     curve worst-case (all attacks), ε = 0
 * FAIL    robust accuracy at ε = 0.1 (worst-case (all a…))   0.5130    >= 0.6    1000     curve worst-case (all attacks), ε = 0.1
 * gate FAILED: 1 of 2 checks below the threshold
 * </pre>
 */
public final class GateSummary {

    private GateSummary() {
    }

    public static String render(GateVerdict verdict) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"result", "check", "measured", "required", "samples", "from"});
        for (GateCheck check : verdict.checks()) {
            rows.add(new String[] {check.passed() ? "PASS" : "FAIL", check.name(), measured(check),
                    ">= " + CurveCsv.number(check.required()), Integer.toString(check.samples()), check.source()});
        }
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder("robustlab gate: job ").append(verdict.jobId());
        if (verdict.jobName() != null) {
            text.append(" \"").append(verdict.jobName()).append('"');
        }
        text.append(System.lineSeparator());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + widths[i] + "s  ",
                        row[i]));
            }
            text.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        text.append(verdict.passed()
                ? "gate PASSED: " + verdict.checks().size() + " of " + verdict.checks().size() + " checks met"
                : "gate FAILED: " + verdict.failures() + " of " + verdict.checks().size()
                        + " checks below the threshold").append(System.lineSeparator());
        return text.toString();
    }

    /** The measured accuracy with four decimals, or why there is none. */
    static String measured(GateCheck check) {
        return check.measured() == null ? "not measured" : String.format(Locale.ROOT, "%.4f", check.measured());
    }
}
