package io.robustlab.api.results;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** How many live streams each project has open on this replica, bounded. */
final class StreamQuota {

    private final int maxPerProject;
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    StreamQuota(int maxPerProject) {
        this.maxPerProject = maxPerProject;
    }

    /** Takes a slot of the project; false when it has none left. */
    boolean tryAcquire(String project) {
        boolean[] acquired = {false};
        open.compute(project, (p, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerProject) {
                return count;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    void release(String project) {
        open.computeIfPresent(project, (p, count) -> count <= 1 ? null : count - 1);
    }

    int openOf(String project) {
        return open.getOrDefault(project, 0);
    }

    int maxPerProject() {
        return maxPerProject;
    }
}
