package io.robustlab.api.auth;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's description says how to authenticate, so that Swagger UI's "Authorize" sends the key. */
@Configuration(proxyBeanMethods = false)
class ApiKeyOpenApi {

    @Bean
    OpenApiCustomizer apiKeySecurity() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents()
                    .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                            .scheme("bearer").description("an API key: Authorization: Bearer rl_…"))
                    .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.HEADER).name(ApiKeyAuthenticationFilter.API_KEY_HEADER)
                            .description("the same API key in the X-API-Key header"));
            // Either scheme suffices: two requirements are alternatives.
            openApi.addSecurityItem(new SecurityRequirement().addList("bearer"))
                    .addSecurityItem(new SecurityRequirement().addList("apiKey"));
        };
    }
}
