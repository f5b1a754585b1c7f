package io.robustlab.api.auth;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An API key of a project: its hash, never the key itself. */
@Entity
@Table(name = "api_key")
class ApiKey {

    @Id
    private UUID id;
    private String project;
    private String name;
    private String keyHash;
    private String prefix;
    private boolean admin;
    private Instant createdAt;
    private Instant revokedAt;

    protected ApiKey() {
    }

    ApiKey(UUID id, String project, String name, String keyHash, String prefix, boolean admin, Instant createdAt) {
        this.id = id;
        this.project = project;
        this.name = name;
        this.keyHash = keyHash;
        this.prefix = prefix;
        this.admin = admin;
        this.createdAt = createdAt;
    }

    UUID id() {
        return id;
    }

    String project() {
        return project;
    }

    String name() {
        return name;
    }

    String prefix() {
        return prefix;
    }

    boolean admin() {
        return admin;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant revokedAt() {
        return revokedAt;
    }

    boolean revoked() {
        return revokedAt != null;
    }

    /** Refuses the key from now on; revoking it again keeps the first time. */
    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    Caller caller() {
        return new Caller(project, admin, id.toString());
    }

    String keyHash() {
        return keyHash;
    }
}
