package io.robustlab.api.auth;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Stateless security: API keys per request, no sessions, no CSRF (no cookies are used). */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** What anyone may read without a key: probes, scraping, the API's description, the web UI's files. */
    static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/actuator/prometheus",
            "/actuator/info", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/",
            "/index.html", "/assets/**", "/favicon.ico"};

    @Bean
    ApiKeyAuthenticator apiKeyAuthenticator(ApiKeyRepository keys, AuthProperties properties) {
        return new ApiKeyAuthenticator(keys, properties);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, AuthProperties properties, ApiKeyAuthenticator authenticator,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) throws Exception {
        SecurityProblems problems = new SecurityProblems(resolver);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        if (!properties.enabled()) {
            log.warn("""

                    ************************************************************************
                    *  AUTHENTICATION IS DISABLED (robustlab.auth.enabled=false):          *
                    *  every request acts as the admin of project '{}'.                    *
                    *  Only for a single-user install that nobody else can reach.          *
                    ************************************************************************""",
                    properties.defaultProject());
            Caller everyone = new Caller(properties.defaultProject(), true, null);
            http.addFilterBefore(new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                        FilterChain chain) throws ServletException, IOException {
                    SecurityContextHolder.getContext().setAuthentication(
                            UsernamePasswordAuthenticationToken.authenticated(everyone, null, List.of()));
                    chain.doFilter(request, response);
                }
            }, AnonymousAuthenticationFilter.class);
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
            return http.build();
        }
        http.addFilterBefore(new ApiKeyAuthenticationFilter(authenticator, problems, resolver),
                AnonymousAuthenticationFilter.class);
        http.authorizeHttpRequests(requests -> requests
                // Errors forwarded by the container are rendered for whoever caused them; an async dispatch
                // (the end of an event stream) continues a request that was authorized when it came in.
                .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                .requestMatchers("/error").permitAll()
                .requestMatchers(PUBLIC).permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/api-keys").hasRole("ADMIN")
                .anyRequest().authenticated());
        return http.build();
    }
}
