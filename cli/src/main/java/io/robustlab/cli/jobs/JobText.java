package io.robustlab.cli.jobs;

import io.robustlab.cli.CliException;
import io.robustlab.cli.Exit;
import io.robustlab.cli.client.Job;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/** A job told to people: the status block of {@code robustlab status}, and what a final status means for the exit code. */
final class JobText {

    private JobText() {
    }

    static String describe(Job job) {
        StringBuilder text = new StringBuilder();
        row(text, "job", job.id());
        row(text, "kind", job.kind() + (job.name() == null ? "" : "  \"" + job.name() + "\""));
        StringBuilder status = new StringBuilder(job.status());
        status.append(String.format(Locale.ROOT, ", attempt %d of %d", job.attempt(), job.maxAttempts()));
        if (job.runs() > 1) {
            status.append(", ").append(job.runs()).append(" runs");
        }
        if (job.cancelRequested() && !job.finished()) {
            status.append(", cancel requested");
        }
        if (!job.finished() && job.progress() != null && job.progress().percent() != null) {
            status.append(String.format(Locale.ROOT, ", %.0f%%", job.progress().percent()));
            if (job.progress().phase() != null && !job.progress().phase().isBlank()) {
                status.append(" (").append(job.progress().phase()).append(')');
            }
            if (job.progress().etaSeconds() != null) {
                status.append(String.format(Locale.ROOT, ", about %.0f s left", job.progress().etaSeconds()));
            }
        }
        row(text, "status", status.toString());
        if (job.failureReason() != null && !job.failureReason().isBlank()) {
            row(text, "reason", job.failureReason());
        }
        if (job.waitsFor() != null) {
            row(text, "waits for", "Train job " + job.waitsFor());
        }
        if (job.workerId() != null) {
            row(text, "worker", job.workerId());
        }
        row(text, "created", job.createdAt());
        if (job.startedAt() != null) {
            row(text, "started", job.startedAt());
        }
        if (job.finishedAt() != null) {
            row(text, "finished", job.finishedAt());
        }
        if (job.durationSeconds() != null) {
            row(text, "duration", String.format(Locale.ROOT, "%.1f s", job.durationSeconds()));
        }
        if (job.labels() != null && !job.labels().isEmpty()) {
            row(text, "labels", job.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        row(text, "spec hash", job.specHash());
        return text.toString();
    }

    /**
     * The exit code of a command that waited for a job: 0 when it SUCCEEDED; otherwise the job's status and reason
     * go to {@code err} and the code is {@link Exit#JOB_FAILED}.
     */
    static int outcome(Job job, PrintWriter err) {
        if (job.succeeded()) {
            return Exit.OK.code();
        }
        if (!job.finished()) {
            throw new IllegalStateException("job " + job.id() + " has not finished");
        }
        err.println("robustlab: job " + job.id() + " " + job.status()
                + (job.failureReason() == null ? "" : ": " + job.failureReason()));
        return Exit.JOB_FAILED.code();
    }

    /** Refuses a timeout given to a command that does not wait. */
    static void requireWaitFor(boolean waits, Object timeout) {
        if (timeout != null && !waits) {
            throw new CliException(Exit.USAGE, "--timeout applies only with --wait");
        }
    }

    private static void row(StringBuilder text, String name, String value) {
        if (value != null) {
            text.append(String.format(Locale.ROOT, "%-10s %s%n", name, value));
        }
    }
}
