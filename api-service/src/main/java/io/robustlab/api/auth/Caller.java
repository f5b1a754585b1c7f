package io.robustlab.api.auth;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The authenticated caller of a request.
 *
 * @param project the project whose jobs the caller sees and creates
 * @param admin   whether the caller may mint API keys
 * @param keyId   the API key's id; null for the bootstrap admin key from configuration and when authentication
 *                is disabled
 */
public record Caller(String project, boolean admin, String keyId) {

    /** The caller of the current request. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new AuthenticationCredentialsNotFoundException("no authenticated caller");
    }
}
