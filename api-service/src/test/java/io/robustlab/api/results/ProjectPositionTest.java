package io.robustlab.api.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.api.system.ApiProblem;
import io.robustlab.api.system.ProblemType;
import org.junit.jupiter.api.Test;

class ProjectPositionTest {

    @Test
    void anIdReadsBackAsThePositionItWasWrittenFrom() {
        ProjectPosition position = new ProjectPosition(123_456_789_012L, 42);
        assertThat(position.toString()).isEqualTo("123456789012-42");
        assertThat(ProjectPosition.parse(position.toString())).isEqualTo(position);
        assertThat(ProjectPosition.parse(" 0-7 ")).isEqualTo(new ProjectPosition(0, 7));
    }

    @Test
    void anythingElseIsA400NamingLastEventId() {
        for (String bad : new String[] {"", "12", "1-", "-1", "1-2-3", "-1-2", "a-1", "1-b", "99999999999999999999-1"}) {
            assertThatThrownBy(() -> ProjectPosition.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                        assertThat(problem.type()).isEqualTo(ProblemType.INVALID_REQUEST);
                        assertThat(problem.errors()).singleElement()
                                .satisfies(error -> assertThat(error.field()).isEqualTo("Last-Event-ID"));
                    });
        }
    }
}
