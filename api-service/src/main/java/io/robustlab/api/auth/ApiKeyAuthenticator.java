package io.robustlab.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Entries beyond this are dropped all at once: simpler than LRU, and a refill costs one query per key. */
    private static final int MAX_CACHED_KEYS = 10_000;

    private final ApiKeyRepository keys;
    private final byte[] adminKeyHash;
    private final Caller admin;
    private final long cacheNanos;
    private final Map<String, Remembered> checked = new ConcurrentHashMap<>();

    /** A minted key found valid, until {@code expiresAt} (System.nanoTime). */
    private record Remembered(Caller caller, long expiresAt) {
    }

    ApiKeyAuthenticator(ApiKeyRepository keys, AuthProperties properties) {
        this.keys = keys;
        String adminKey = properties.adminKey() == null ? "" : properties.adminKey().strip();
        if (adminKey.isEmpty()) {
            this.adminKeyHash = null;
            if (properties.enabled()) {
                log.warn("no bootstrap admin key (robustlab.auth.admin-key / ROBUSTLAB_AUTH_ADMIN_KEY): only keys "
                        + "already minted work, and none can be minted without an admin key");
            }
        } else if (adminKey.length() < MIN_ADMIN_KEY_LENGTH) {
            throw new IllegalStateException("robustlab.auth.admin-key has " + adminKey.length()
                    + " characters; it opens every project, so it needs at least " + MIN_ADMIN_KEY_LENGTH
                    + " (e.g. `openssl rand -base64 32`)");
        } else {
            this.adminKeyHash = digest(adminKey);
        }
        this.admin = new Caller(properties.defaultProject(), true, null);
        this.cacheNanos = properties.keyCacheTtl().toNanos();
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
        String hash = ApiKeyFormat.hash(presented);
        long now = System.nanoTime();
        Remembered remembered = checked.get(hash);
        if (remembered != null && now - remembered.expiresAt() < 0) {
            return remembered.caller();
        }
        ApiKey key = keys.findByKeyHash(hash).orElseThrow(() -> new BadCredentialsException("unknown API key"));
        if (key.revoked()) {
            checked.remove(hash);
            log.info("refused revoked API key {} ({}) of project '{}'", key.id(), key.prefix(), key.project());
            throw new BadCredentialsException("this API key was revoked at " + key.revokedAt());
        }
        if (cacheNanos > 0) {
            if (checked.size() >= MAX_CACHED_KEYS) {
                checked.clear();
            }
            checked.put(hash, new Remembered(key.caller(), now + cacheNanos));
        }
        return key.caller();
    }

    /** Forgets a key at once on this replica (it was revoked here). */
    void forget(String keyHash) {
        checked.remove(keyHash);
    }

    private static byte[] digest(String key) {
        return ApiKeyFormat.hash(key).getBytes(StandardCharsets.US_ASCII);
    }
}
