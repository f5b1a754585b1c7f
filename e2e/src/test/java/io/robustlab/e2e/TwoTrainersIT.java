package io.robustlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** Two trainer processes consume one queue: four jobs are shared between them, each run once. */
@ExtendWith(PlatformExtension.class)
@Order(6)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TwoTrainersIT {

    @Test
    void twoTrainersShareFourJobs(Platform platform) {
        List<ServiceProcess> trainers = platform.trainers(2);
        // 5,000 steps a job (a second or more here): long enough that the second job is dispatched while the
        // first still runs, so with prefetch 1 each trainer has one.
        ApiClient api = platform.api();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(api.submit(Specs.gaussianMlp(platform.run(), "e2e shared " + i, 2, 25_000, 10, 20 + i))
                    .path("id").asString());
        }
        List<JsonNode> done = new ArrayList<>();
        for (String id : ids) {
            done.add(api.awaitFinished(id, "SUCCEEDED", Duration.ofMinutes(3)));
        }

        Set<String> workers = new TreeSet<>();
        for (JsonNode job : done) {
            assertThat(job.path("attempt").asInt()).isEqualTo(1);
            assertThat(job.path("runs").asInt()).isEqualTo(1);
            workers.add(job.path("workerId").asString());
        }
        assertThat(workers).as("both trainers took jobs")
                .containsExactlyInAnyOrderElementsOf(trainers.stream().map(ServiceProcess::name).toList());
        assertThat(overlap(done)).as("two jobs ran at the same time on different trainers").isTrue();
    }

    private static boolean overlap(List<JsonNode> jobs) {
        for (JsonNode a : jobs) {
            for (JsonNode b : jobs) {
                if (!a.path("workerId").equals(b.path("workerId"))
                        && Instant.parse(a.path("startedAt").asString())
                                .isBefore(Instant.parse(b.path("finishedAt").asString()))
                        && Instant.parse(b.path("startedAt").asString())
                                .isBefore(Instant.parse(a.path("finishedAt").asString()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
