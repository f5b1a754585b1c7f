package io.robustlab.api.system;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The servlet container's side of the API: a request body limit applied before anything reads a request, and
 * problems for the errors Tomcat answers itself.
 */
@Configuration(proxyBeanMethods = false)
class ContainerConfiguration {

    /** Before Spring Security (order -100), after the observation filter, so that a refused body is still measured. */
    static final int BODY_LIMIT_ORDER = -110;

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(HttpProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
                new RequestBodyLimit(properties.maxRequestBody().toBytes(), problems));
        registration.setOrder(BODY_LIMIT_ORDER);
        return registration;
    }

    /**
     * Puts {@link ProblemReportValve} in place of the host's error report valves (Tomcat's default, and the one
     * Spring Boot adds to hide the server's version), once they are all there: when the web application starts.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (!Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                return;
            }
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemReportValve());
        }));
    }
}
