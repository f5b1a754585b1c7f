package io.robustlab.api.auth;

import io.robustlab.api.system.ApiProblem;
import io.robustlab.api.system.ProblemType;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Mints, lists and revokes API keys. Admin keys mint keys for any project; every other key sees only the keys of its
 * own project and may revoke only itself.
 */
@Service
class ApiKeyService {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);

    private final ApiKeyRepository keys;
    private final ApiKeyAuthenticator authenticator;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeyService(ApiKeyRepository keys, ApiKeyAuthenticator authenticator, Clock clock) {
        this.keys = keys;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    /** A key and the only time its secret is known: it is returned once and stored as a hash. */
    record Minted(ApiKey key, String secret) {
    }

    @Transactional
    Minted mint(Caller caller, String project, String name, boolean admin) {
        requireAdmin(caller, "mint API keys");
        String secret = ApiKeyFormat.mint(random);
        ApiKey key = keys.save(new ApiKey(UUID.randomUUID(), project, name, ApiKeyFormat.hash(secret),
                ApiKeyFormat.shownPrefix(secret), admin, clock.instant()));
        log.info("minted {}API key {} ({}) '{}' for project '{}'", admin ? "admin " : "", key.id(), key.prefix(),
                name, project);
        return new Minted(key, secret);
    }

    /**
     * The keys of a project, newest first, revoked ones included.
     *
     * @param project null for the caller's own project; another project only for an admin
     */
    @Transactional(readOnly = true)
    List<ApiKey> list(Caller caller, String project) {
        String of = project == null ? caller.project() : project;
        if (!of.equals(caller.project())) {
            requireAdmin(caller, "list the keys of another project");
        }
        return keys.findByProjectOrderByCreatedAtDesc(of);
    }

    @Transactional(readOnly = true)
    ApiKey get(Caller caller, UUID id) {
        return visible(caller, id);
    }

    /** Revokes a key: an admin any key, any other key only itself (after a leak, say). */
    @Transactional
    ApiKey revoke(Caller caller, UUID id) {
        ApiKey key = visible(caller, id);
        if (!caller.admin() && !id.toString().equals(caller.keyId())) {
            throw new ApiProblem(ProblemType.FORBIDDEN,
                    "only an admin API key may revoke another key; a key may revoke itself");
        }
        if (!key.revoked()) {
            key.revoke(clock.instant());
            log.info("revoked API key {} ({}) of project '{}'", key.id(), key.prefix(), key.project());
            String hash = key.keyHash();
            // Forgotten once the revocation is committed, so no request in between caches the key again.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    authenticator.forget(hash);
                }
            });
        }
        return key;
    }

    /** A key the caller may see: an admin every key, any other caller the keys of its project (else 404). */
    private ApiKey visible(Caller caller, UUID id) {
        return keys.findById(id)
                .filter(key -> caller.admin() || key.project().equals(caller.project()))
                .orElseThrow(() -> ApiProblem.notFound("API key " + id));
    }

    private static void requireAdmin(Caller caller, String what) {
        if (!caller.admin()) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "only an admin API key may " + what);
        }
    }
}
