package io.robustlab.api.system;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.context.annotation.Configuration;

/** The title and summary of the OpenAPI document served at {@code /v3/api-docs} and in Swagger UI. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "RobustLab API", version = "v1", description = """
        Submit training and robustness-evaluation jobs (Train and Evaluate specs), follow them live, and read \
        their results: training metrics, robustness curves per attack and worst case, corruption and weight-noise \
        tables, artifacts. Errors are RFC 9457 problems (application/problem+json)."""))
class ApiDescription {
}
