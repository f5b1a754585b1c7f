package io.robustlab.api.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The project of each job that had activity lately, remembered: a notification names only the job, and the project's
 * streams must wake too. A job never changes project, so what is remembered never goes stale.
 */
@Component
class JobProjects {

    private static final int REMEMBERED = 10_000;

    private final ProjectActivity activity;
    private final Map<UUID, String> known = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
            return size() > REMEMBERED;
        }
    });

    JobProjects(ProjectActivity activity) {
        this.activity = activity;
    }

    /** The job's project; empty when the job does not exist (any more). */
    Optional<String> of(UUID jobId) {
        String project = known.get(jobId);
        if (project != null) {
            return Optional.of(project);
        }
        Optional<String> found = activity.projectOf(jobId);
        found.ifPresent(p -> known.put(jobId, p));
        return found;
    }
}
