package io.robustlab.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;

/**
 * Tells who presents a key: the bootstrap admin key from configuration (kept here only as its hash), or a minted key
 * that is in the database and not revoked.
 */
class ApiKeyAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticator.class);
    /** A bootstrap key shorter than this is refused at startup: it is the key to every project. */
    static final int MIN_ADMIN_KEY_LENGTH = 32;

    private final ApiKeyRepository keys;
    private final byte[] adminKeyHash;
    private final Caller admin;

    ApiKeyAuthenticator(ApiKeyRepository keys, AuthProperties properties) {
        this.keys = keys;
        String adminKey = properties.adminKey() == null ? "" : properties.adminKey().strip();
        if (adminKey.isEmpty()) {
            this.adminKeyHash = null;
            log.warn("no bootstrap admin key (robustlab.auth.admin-key / ROBUSTLAB_AUTH_ADMIN_KEY): only keys "
                    + "already minted work, and none can be minted without an admin key");
        } else if (adminKey.length() < MIN_ADMIN_KEY_LENGTH) {
            throw new IllegalStateException("robustlab.auth.admin-key has " + adminKey.length()
                    + " characters; it opens every project, so it needs at least " + MIN_ADMIN_KEY_LENGTH
                    + " (e.g. `openssl rand -base64 32`)");
        } else {
            this.adminKeyHash = digest(adminKey);
        }
        this.admin = new Caller(properties.defaultProject(), true, null);
    }

    /**
     * The caller a key stands for.
     *
     * @throws BadCredentialsException when the key is unknown or revoked
     */
    Caller authenticate(String presented) {
        if (adminKeyHash != null && MessageDigest.isEqual(adminKeyHash, digest(presented))) {
            return admin;
        }
        if (!ApiKeyFormat.wellFormed(presented)) {
            throw new BadCredentialsException("this is not an API key of this service (they start with '"
                    + ApiKeyFormat.PREFIX + "')");
        }
        ApiKey key = keys.findByKeyHash(ApiKeyFormat.hash(presented))
                .orElseThrow(() -> new BadCredentialsException("unknown API key"));
        if (key.revoked()) {
            log.info("refused revoked API key {} ({}) of project '{}'", key.id(), key.prefix(), key.project());
            throw new BadCredentialsException("this API key was revoked at " + key.revokedAt());
        }
        return key.caller();
    }

    private static byte[] digest(String key) {
        return ApiKeyFormat.hash(key).getBytes(StandardCharsets.US_ASCII);
    }
}
