package io.robustlab.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.api.testing.ApiClient.Response;
import io.robustlab.api.testing.ApiIntegrationTest;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/** An exception thrown by a servlet filter, outside Spring MVC, reaches the client as a problem without a trace. */
@DirtiesContext
@Import(FilterFailureIT.FailingFilter.class)
class FilterFailureIT extends ApiIntegrationTest {

    static final String SECRET = "connection string with password hunter2";

    @TestConfiguration
    static class FailingFilter {

        @Bean
        FilterRegistrationBean<Filter> failing() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                if (((HttpServletRequest) request).getRequestURI().equals("/api/v1/jobs")
                        && "fail".equals(((HttpServletRequest) request).getHeader("X-Test"))) {
                    throw new IllegalStateException(SECRET);
                }
                chain.doFilter(request, response);
            });
            registration.setOrder(-200);
            return registration;
        }
    }

    @Test
    void anExceptionInAFilterIsA500ProblemWithoutItsMessageOrTrace() {
        Response response = api().send(api().request("/api/v1/jobs").header("X-Test", "fail").GET());
        ProblemResponsesIT.assertProblem(response, 500, "internal");
        assertThat(response.text()).doesNotContain(SECRET).doesNotContain("IllegalStateException");
        assertThat(response.json().get("instance").asString()).isEqualTo("/api/v1/jobs");
        assertThat(api().get("/api/v1/jobs").status()).isEqualTo(200);
    }
}
