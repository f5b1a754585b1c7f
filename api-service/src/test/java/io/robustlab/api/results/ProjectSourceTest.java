package io.robustlab.api.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.robustlab.api.auth.Caller;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ProjectSourceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Caller CALLER = new Caller("grid", false, "key");
    private static final ProjectFilter ANY = new ProjectFilter(List.of(), Map.of());

    private final ProjectActivity activity = mock(ProjectActivity.class);
    private final UUID job = UUID.randomUUID();

    @Test
    void sendsTheSettledRowsAndStopsAtTheFirstThatIsNotYet() {
        ProjectPosition start = new ProjectPosition(100, 0);
        ProjectSource source = new ProjectSource(CALLER, ANY, start, activity);
        ObjectNode summary = JSON.createObjectNode().put("id", job.toString());
        when(activity.summary(CALLER, job)).thenReturn(Optional.of(summary));
        when(activity.write(any())).thenAnswer(call -> JSON.writeValueAsString(call.getArgument(0)));
        when(activity.after("grid", ANY, start, 500)).thenReturn(List.of(
                row(101, 7, "status", true, true), row(102, 9, "progress", false, true),
                row(104, 8, "progress", false, false)));

        ActivitySource.Reading reading = source.next(500);

        assertThat(reading.events()).extracting(ActivityEvent::id).containsExactly("101-7", "102-9");
        assertThat(JSON.readTree(reading.events().get(0).json()).get("job").get("id").asString())
                .isEqualTo(job.toString());
        assertThat(JSON.readTree(reading.events().get(1).json()).has("job")).isFalse();
        assertThat(reading.settling()).isTrue();
        assertThat(reading.more()).as("what is held back is not 'more right away'").isFalse();
        assertThat(reading.over()).isFalse();

        when(activity.after(eq("grid"), eq(ANY), any(), anyInt())).thenReturn(List.of());
        source.next(500);
        verify(activity).after("grid", ANY, new ProjectPosition(102, 9), 500);
    }

    @Test
    void aFailedReadLeavesTheStreamWhereItWas() {
        ProjectPosition start = new ProjectPosition(100, 0);
        ProjectSource source = new ProjectSource(CALLER, ANY, start, activity);
        when(activity.write(any())).thenReturn("{}");
        when(activity.after("grid", ANY, start, 500))
                .thenReturn(List.of(row(101, 5, "progress", false, true), row(102, 6, "status", true, true)));
        when(activity.summary(CALLER, job)).thenThrow(new QueryTimeoutException("slow"));

        assertThatThrownBy(() -> source.next(500)).isInstanceOf(QueryTimeoutException.class);

        doReturn(Optional.empty()).when(activity).summary(CALLER, job);
        assertThat(source.next(500).events()).extracting(ActivityEvent::id).containsExactly("101-5", "102-6");
    }

    private ProjectActivity.Row row(long transaction, long position, String name, boolean submitted,
            boolean settled) {
        ObjectNode data = JSON.createObjectNode().put("jobId", job.toString());
        return new ProjectActivity.Row(new ProjectPosition(transaction, position), job, name, data, submitted,
                settled);
    }
}
