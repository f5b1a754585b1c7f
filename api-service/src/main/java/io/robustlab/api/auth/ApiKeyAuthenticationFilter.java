package io.robustlab.api.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Authenticates a request by the API key it presents. A request with no key goes on anonymous (and is refused where
 * a key is needed); a request with a bad key is refused here, whatever it asks for.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-API-Key";

    private final ApiKeyAuthenticator authenticator;
    private final AuthenticationEntryPoint entryPoint;
    private final HandlerExceptionResolver problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    /**
     * @param problems renders what fails on the way (the database is down: 503) as the API's problems
     */
    ApiKeyAuthenticationFilter(ApiKeyAuthenticator authenticator, AuthenticationEntryPoint entryPoint,
            HandlerExceptionResolver problems) {
        this.authenticator = authenticator;
        this.entryPoint = entryPoint;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller;
        try {
            Optional<String> key = ApiKeyFormat.presented(request.getHeader("Authorization"),
                    request.getHeader(API_KEY_HEADER));
            if (key.isEmpty()) {
                chain.doFilter(request, response);
                return;
            }
            caller = authenticator.authenticate(key.get());
        } catch (AuthenticationException refused) {
            contexts.clearContext();
            entryPoint.commence(request, response, refused);
            return;
        } catch (RuntimeException unavailable) {
            // The key store (the database) failed: a problem (503 when it is down), not a container error page.
            if (problems.resolveException(request, response, null, unavailable) == null) {
                throw unavailable;
            }
            return;
        }
        List<String> roles = caller.admin() ? List.of("ROLE_USER", "ROLE_ADMIN") : List.of("ROLE_USER");
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
                AuthorityUtils.createAuthorityList(roles)));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
