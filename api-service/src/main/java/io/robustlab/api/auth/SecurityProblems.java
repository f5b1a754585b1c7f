package io.robustlab.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The security layer's refusals (401, 403), written by the same handler as every other error of the API, so that they
 * are problems of the same types ({@code system.ProblemHandler}).
 */
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final HandlerExceptionResolver problems;

    SecurityProblems(HandlerExceptionResolver problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        if (problems.resolveException(request, response, null, refused) == null) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        if (problems.resolveException(request, response, null, new AccessDeniedException(
                "this needs an admin API key; the key presented is not one", denied)) == null) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        }
    }
}
