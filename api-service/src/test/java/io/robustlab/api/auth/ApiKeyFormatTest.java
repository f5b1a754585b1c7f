package io.robustlab.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;

class ApiKeyFormatTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void aMintedKeyIsThePrefixAnd32RandomBytesInUrlSafeBase64() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = ApiKeyFormat.mint(random);
            assertThat(key).startsWith("rl_").hasSize(46);
            assertThat(Base64.getUrlDecoder().decode(key.substring(3))).hasSize(32);
            assertThat(ApiKeyFormat.wellFormed(key)).isTrue();
            keys.add(key);
        }
        assertThat(keys).hasSize(1000);
    }

    @Test
    void onlyKeysOfThatShapeAreWellFormed() {
        String key = ApiKeyFormat.mint(random);
        assertThat(ApiKeyFormat.wellFormed(key.substring(0, 45))).isFalse();
        assertThat(ApiKeyFormat.wellFormed(key + "A")).isFalse();
        assertThat(ApiKeyFormat.wellFormed("xx_" + key.substring(3))).isFalse();
        assertThat(ApiKeyFormat.wellFormed(key.substring(0, 20) + "+" + key.substring(21))).isFalse();
    }

    @Test
    void theHashIsTheHexSha256OfTheWholeKey() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertThat(ApiKeyFormat.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String key = ApiKeyFormat.mint(random);
        assertThat(ApiKeyFormat.hash(key)).hasSize(64).doesNotContain(key.substring(3));
        assertThat(ApiKeyFormat.shownPrefix(key)).isEqualTo(key.substring(0, 11));
    }

    @Test
    void theKeyComesFromABearerAuthorizationOrAnXApiKeyHeader() {
        assertThat(ApiKeyFormat.presented(null, null)).isEmpty();
        assertThat(ApiKeyFormat.presented("Bearer rl_abc", null)).contains("rl_abc");
        assertThat(ApiKeyFormat.presented("bearer   rl_abc ", null)).contains("rl_abc");
        assertThat(ApiKeyFormat.presented("BEARER rl_abc", null)).contains("rl_abc");
        assertThat(ApiKeyFormat.presented(null, " rl_abc ")).contains("rl_abc");
        assertThat(ApiKeyFormat.presented("Bearer rl_abc", "rl_abc")).contains("rl_abc");
    }

    @Test
    void aHeaderWithoutAUsableKeyIsRefused() {
        assertThatThrownBy(() -> ApiKeyFormat.presented("Basic YWRtaW46YWRtaW4=", null))
                .isInstanceOf(BadCredentialsException.class).hasMessageContaining("'Bearer <API key>'");
        assertThatThrownBy(() -> ApiKeyFormat.presented("Bearer", null))
                .isInstanceOf(BadCredentialsException.class).hasMessageContaining("no key");
        assertThatThrownBy(() -> ApiKeyFormat.presented("Bearer a b", null))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> ApiKeyFormat.presented(null, "  "))
                .isInstanceOf(BadCredentialsException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ApiKeyFormat.presented("Bearer rl_abc", "rl_abd"))
                .isInstanceOf(BadCredentialsException.class).hasMessageContaining("different keys");
    }
}
