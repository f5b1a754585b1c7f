package io.robustlab.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.api.messaging.MessagingProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** The API's own application.yml, read as standalone mode hands it to the API's context. */
class EmbeddedBrokerProfileTest {

    @Configuration(proxyBeanMethods = false)
    static class NothingElse {
    }

    private static MessagingProperties messaging(String... arguments) {
        SpringApplication application = new SpringApplication(NothingElse.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run(arguments)) {
            return Binder.get(context.getEnvironment()).bindOrCreate("robustlab.messaging",
                    MessagingProperties.class);
        }
    }

    @Test
    void theEmbeddedBrokerProfileLeavesOutWhatQpidLacks() {
        String location = "--spring.config.location=" + ServiceDefaults.locate("robustlab-api");

        MessagingProperties rabbitMq = messaging(location);
        MessagingProperties qpid = messaging(location, "--spring.profiles.active=" + EmbeddedBrokerProfile.PROFILE);

        assertThat(rabbitMq.quorumQueues()).isTrue();
        assertThat(rabbitMq.deadLettering()).isTrue();
        assertThat(qpid.quorumQueues()).isFalse();
        assertThat(qpid.deadLettering()).isFalse();
        assertThat(qpid.namespace()).isEqualTo(rabbitMq.namespace());
    }

    @Test
    void eachServiceIsGivenItsOwnApplicationYml() {
        assertThat(ServiceDefaults.locate("robustlab-api")).contains("api-service");
        assertThat(ServiceDefaults.locate("trainer-service")).contains("trainer-service");
        assertThat(ServiceDefaults.locate("attack-service")).contains("attack-service");
    }
}
