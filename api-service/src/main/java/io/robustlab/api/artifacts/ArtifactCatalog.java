package io.robustlab.api.artifacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The artifact records of jobs, as the event consumer stored them. */
@Repository
class ArtifactCatalog {

    private static final String COLUMNS = "name, store_key, size_bytes, sha256, content_type, attempt, created_at";

    private final JdbcClient jdbc;

    ArtifactCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<StoredArtifact> of(UUID jobId) {
        return jdbc.sql("select " + COLUMNS + " from artifact where job_id = ? order by name")
                .param(jobId).query(ArtifactCatalog::row).list();
    }

    Optional<StoredArtifact> find(UUID jobId, String name) {
        return jdbc.sql("select " + COLUMNS + " from artifact where job_id = ? and name = ?")
                .params(jobId, name).query(ArtifactCatalog::row).optional();
    }

    private static StoredArtifact row(ResultSet rs, int row) throws SQLException {
        return new StoredArtifact(rs.getString("name"), rs.getString("store_key"), rs.getLong("size_bytes"),
                rs.getString("sha256"), rs.getString("content_type"), rs.getInt("attempt"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    /** One artifact record. */
    record StoredArtifact(String name, String storeKey, long sizeBytes, String sha256, String contentType,
            int attempt, Instant createdAt) {
    }
}
