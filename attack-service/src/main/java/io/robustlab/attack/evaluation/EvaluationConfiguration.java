package io.robustlab.attack.evaluation;

import io.robustlab.core.data.DataLocations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where datasets are looked for: {@code ROBUSTLAB_DATA_DIR} (or {@code -Drobustlab.data.dir}), then system folders;
 * and the gallery's settings ({@link GalleryProperties}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GalleryProperties.class)
class EvaluationConfiguration {

    @Bean
    DataLocations dataLocations() {
        return DataLocations.fromEnvironment();
    }
}
