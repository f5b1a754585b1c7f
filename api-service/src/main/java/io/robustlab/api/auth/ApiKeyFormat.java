package io.robustlab.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.authentication.BadCredentialsException;

/**
 * What an API key looks like and how it is kept: {@code rl_} and 32 random bytes in URL-safe base64 (43 characters),
 * stored only as the hex SHA-256 of the whole key. A hash without salt or stretching is enough here, because the key
 * is 256 random bits, not a password a person chose.
 */
final class ApiKeyFormat {

    /** Every minted key starts with this, so that a leaked key is recognised (secret scanners, logs). */
    static final String PREFIX = "rl_";
    static final int RANDOM_BYTES = 32;
    /** How much of a key is stored and listed in clear to tell keys apart: the prefix and 8 characters (48 bits). */
    static final int SHOWN = PREFIX.length() + 8;

    private static final Pattern SHAPE = Pattern.compile("rl_[A-Za-z0-9_-]{43}");
    private static final Pattern BEARER = Pattern.compile("(?i)bearer +(\\S+) *");

    private ApiKeyFormat() {
    }

    /** A new key. */
    static String mint(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether this could be a minted key; anything else is refused without asking the database. */
    static boolean wellFormed(String key) {
        return SHAPE.matcher(key).matches();
    }

    /** The SHA-256 of a key, in lower-case hex: what the database stores. */
    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The start of a key that is shown in listings. */
    static String shownPrefix(String key) {
        return key.substring(0, Math.min(SHOWN, key.length()));
    }

    /**
     * The key a request presents, from {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}.
     *
     * @return empty when the request presents none
     * @throws BadCredentialsException when a header is there but holds no usable key, or the two name different keys
     */
    static Optional<String> presented(String authorization, String apiKeyHeader) {
        String bearer = null;
        if (authorization != null) {
            var matcher = BEARER.matcher(authorization.strip());
            if (!matcher.matches()) {
                String scheme = authorization.strip().split(" ", 2)[0].toLowerCase(Locale.ROOT);
                throw new BadCredentialsException(scheme.equals("bearer")
                        ? "the Authorization header has no key after 'Bearer'"
                        : "the Authorization header must be 'Bearer <API key>'");
            }
            bearer = matcher.group(1);
        }
        String header = null;
        if (apiKeyHeader != null) {
            header = apiKeyHeader.strip();
            if (header.isEmpty()) {
                throw new BadCredentialsException("the X-API-Key header is empty");
            }
        }
        if (bearer != null && header != null && !bearer.equals(header)) {
            throw new BadCredentialsException("the Authorization and X-API-Key headers name different keys");
        }
        return Optional.ofNullable(bearer != null ? bearer : header);
    }
}
