package io.robustlab.api.results;

import io.robustlab.api.jobs.JobStatus;
import io.robustlab.api.jobs.JobView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a row of a job's activity (a {@code job_transition} or a {@code job_event}, as the stream queries select them:
 * source, from_status, to_status, attempt, reason, at, type, payload) into the data of its event.
 */
@Component
class ActivityRows {

    private final JsonMapper json;

    ActivityRows(JsonMapper json) {
        this.json = json;
    }

    boolean isStatus(ResultSet rs) throws SQLException {
        return rs.getString("source").equals("status");
    }

    JobView.Transition transition(ResultSet rs) throws SQLException {
        String from = rs.getString("from_status");
        return new JobView.Transition(from == null ? null : JobStatus.valueOf(from),
                JobStatus.valueOf(rs.getString("to_status")), rs.getInt("attempt"), rs.getString("reason"),
                rs.getObject("at", OffsetDateTime.class).toInstant());
    }

    /** A worker event's fields without its type, plus the attempt it belongs to. */
    ObjectNode workerEvent(ResultSet rs) throws SQLException {
        JsonNode payload = json.readTree(rs.getString("payload"));
        ObjectNode data = payload instanceof ObjectNode object ? object : json.createObjectNode().set("value", payload);
        data.remove("type");
        data.put("attempt", rs.getInt("attempt"));
        return data;
    }

    String write(Object data) {
        return json.writeValueAsString(data);
    }

    ObjectNode tree(Object value) {
        return (ObjectNode) json.valueToTree(value);
    }
}
