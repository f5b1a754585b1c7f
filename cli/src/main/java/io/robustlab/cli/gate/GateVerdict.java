package io.robustlab.cli.gate;

import java.util.List;

/**
 * The gate's checks of one job.
 *
 * @param jobName the job's metadata name, or null
 */
public record GateVerdict(String jobId, String jobName, List<GateCheck> checks) {

    public boolean passed() {
        return checks.stream().allMatch(GateCheck::passed);
    }

    public long failures() {
        return checks.stream().filter(check -> !check.passed()).count();
    }
}
