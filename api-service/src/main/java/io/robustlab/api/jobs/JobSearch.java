package io.robustlab.api.jobs;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Lists a project's jobs by filter, a page at a time, on the indexes made for it. */
@Component
class JobSearch {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final JobRepository jobs;

    JobSearch(JdbcClient jdbc, JobRepository jobs) {
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    /** One page, plus one more job to tell whether there is a next page. */
    @Transactional(readOnly = true)
    List<Job> page(String project, JobQuery query) {
        StringBuilder sql = new StringBuilder("select id from job where project = :project");
        Map<String, Object> params = new HashMap<>();
        params.put("project", project);
        if (!query.kinds().isEmpty()) {
            sql.append(" and kind in (:kinds)");
            params.put("kinds", query.kinds());
        }
        if (!query.statuses().isEmpty()) {
            sql.append(" and status in (:statuses)");
            params.put("statuses", query.statuses().stream().map(Enum::name).toList());
        }
        if (!query.labels().isEmpty()) {
            sql.append(" and labels @> cast(:labels as jsonb)");
            params.put("labels", JSON.writeValueAsString(query.labels()));
        }
        if (query.text() != null && !query.text().isBlank()) {
            sql.append(" and (name ilike :pattern escape '\\' or cast(id as text) like :prefix)");
            params.put("pattern", "%" + likeEscape(query.text()) + "%");
            params.put("prefix", likeEscape(query.text().toLowerCase()) + "%");
        }
        String direction = query.oldestFirst() ? "asc" : "desc";
        if (query.after() != null) {
            sql.append(query.oldestFirst() ? " and (created_at, id) > (:afterTime, :afterId)"
                    : " and (created_at, id) < (:afterTime, :afterId)");
            params.put("afterTime", Timestamp.from(query.after().createdAt()));
            params.put("afterId", query.after().id());
        }
        sql.append(" order by created_at ").append(direction).append(", id ").append(direction);
        sql.append(" limit :limit");
        params.put("limit", query.limit() + 1);
        List<UUID> ids = jdbc.sql(sql.toString()).params(params).query(UUID.class).list();
        Map<UUID, Job> byId = jobs.findAllById(ids).stream().collect(Collectors.toMap(Job::id, Function.identity()));
        List<Job> page = new ArrayList<>(ids.size());
        ids.forEach(id -> {
            if (byId.containsKey(id)) {
                page.add(byId.get(id));
            }
        });
        return page;
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
