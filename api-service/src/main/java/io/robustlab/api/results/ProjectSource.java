package io.robustlab.api.results;

import io.robustlab.api.auth.Caller;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The activity of every job of a project (that passes the filter), after a {@link ProjectPosition}: status changes
 * and progress, each with its {@code jobId}; a job's first status change also carries the job's summary
 * ({@code job}), so that a list can add its row. Never over: it follows the project until the client leaves.
 */
final class ProjectSource implements ActivitySource {

    private final Caller caller;
    private final ProjectFilter filter;
    private final ProjectActivity activity;
    private ProjectPosition position;

    ProjectSource(Caller caller, ProjectFilter filter, ProjectPosition position, ProjectActivity activity) {
        this.caller = caller;
        this.filter = filter;
        this.position = position;
        this.activity = activity;
    }

    @Override
    public String key() {
        return ActivitySource.ofProject(caller.project());
    }

    @Override
    public Reading next(int limit) {
        List<ProjectActivity.Row> rows = activity.after(caller.project(), filter, position, limit);
        List<ActivityEvent> events = new ArrayList<>(rows.size());
        // Moved only once every event is built: a failed read of a summary leaves the stream where it was.
        ProjectPosition last = position;
        boolean settling = false;
        for (ProjectActivity.Row row : rows) {
            if (!row.settled()) {
                // Later rows are younger still; an older transaction may yet add rows before them.
                settling = true;
                break;
            }
            ObjectNode data = row.data();
            if (row.submitted()) {
                activity.summary(caller, row.jobId()).ifPresent(job -> data.set("job", job));
            }
            events.add(new ActivityEvent(row.position().toString(), row.name(), activity.write(data), false));
            last = row.position();
        }
        position = last;
        return new Reading(events, !settling && rows.size() == limit, false, settling);
    }

    @Override
    public String toString() {
        return "project " + caller.project();
    }
}
