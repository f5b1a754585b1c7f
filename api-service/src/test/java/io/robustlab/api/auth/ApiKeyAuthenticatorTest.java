package io.robustlab.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;

class ApiKeyAuthenticatorTest {

    private static final String ADMIN_KEY = "a-bootstrap-admin-key-of-32-chars!";

    private final ApiKeyRepository keys = mock(ApiKeyRepository.class);

    @Test
    void theBootstrapKeyIsTheAdminOfTheDefaultProjectWithoutTheDatabase() {
        ApiKeyAuthenticator authenticator = authenticator(ADMIN_KEY);
        assertThat(authenticator.authenticate(ADMIN_KEY)).isEqualTo(new Caller("lab", true, null));
        verifyNoInteractions(keys);
    }

    @Test
    void aShortBootstrapKeyStopsTheStart() {
        assertThatThrownBy(() -> authenticator("short-admin-key"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32");
    }

    @Test
    void withoutABootstrapKeyOnlyMintedKeysWork() {
        ApiKeyAuthenticator authenticator = authenticator(" ");
        assertThatThrownBy(() -> authenticator.authenticate(" ")).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void somethingThatIsNoKeyIsRefusedWithoutAskingTheDatabase() {
        assertThatThrownBy(() -> authenticator(ADMIN_KEY).authenticate("rl_short"))
                .isInstanceOf(BadCredentialsException.class).hasMessageContaining("'rl_'");
        verifyNoInteractions(keys);
    }

    @Test
    void aMintedKeyIsFoundByItsHashAndRefusedOnceRevoked() {
        String secret = ApiKeyFormat.mint(new SecureRandom());
        ApiKey key = new ApiKey(UUID.randomUUID(), "p", "ci", ApiKeyFormat.hash(secret),
                ApiKeyFormat.shownPrefix(secret), false, Instant.EPOCH);
        when(keys.findByKeyHash(ApiKeyFormat.hash(secret))).thenReturn(Optional.of(key));
        ApiKeyAuthenticator authenticator = authenticator(ADMIN_KEY);

        assertThat(authenticator.authenticate(secret)).isEqualTo(new Caller("p", false, key.id().toString()));
        key.revoke(Instant.EPOCH.plusSeconds(60));
        assertThatThrownBy(() -> authenticator.authenticate(secret))
                .isInstanceOf(BadCredentialsException.class).hasMessageContaining("revoked");
        String unknown = ApiKeyFormat.mint(new SecureRandom());
        when(keys.findByKeyHash(ApiKeyFormat.hash(unknown))).thenReturn(Optional.empty());
        assertThatThrownBy(() -> authenticator.authenticate(unknown))
                .isInstanceOf(BadCredentialsException.class).hasMessage("unknown API key");
    }

    @Test
    void aCheckedKeyIsRememberedForTheCacheTimeUntilItIsForgotten() {
        String secret = ApiKeyFormat.mint(new SecureRandom());
        ApiKey key = new ApiKey(UUID.randomUUID(), "p", "ci", ApiKeyFormat.hash(secret),
                ApiKeyFormat.shownPrefix(secret), false, Instant.EPOCH);
        when(keys.findByKeyHash(ApiKeyFormat.hash(secret))).thenReturn(Optional.of(key));
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(keys,
                new AuthProperties(true, ADMIN_KEY, "lab", Duration.ofMinutes(1)));

        authenticator.authenticate(secret);
        authenticator.authenticate(secret);
        verify(keys, times(1)).findByKeyHash(ApiKeyFormat.hash(secret));

        key.revoke(Instant.EPOCH.plusSeconds(60));
        authenticator.forget(ApiKeyFormat.hash(secret));
        assertThatThrownBy(() -> authenticator.authenticate(secret)).isInstanceOf(BadCredentialsException.class);
        verify(keys, times(2)).findByKeyHash(ApiKeyFormat.hash(secret));
    }

    private ApiKeyAuthenticator authenticator(String adminKey) {
        return new ApiKeyAuthenticator(keys, new AuthProperties(true, adminKey, "lab", Duration.ZERO));
    }
}
