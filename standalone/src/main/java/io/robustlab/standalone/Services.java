package io.robustlab.standalone;

import io.robustlab.api.ApiApplication;
import io.robustlab.attack.AttackApplication;
import io.robustlab.trainer.TrainerApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API and the two workers as three Spring contexts in this JVM, each with its own {@code application.yml}
 * ({@link ServiceDefaults}) and, on top, what standalone mode decides: the embedded database and broker, the
 * filesystem artifact store under the home folder, one shutdown for all. The workers run without a web server
 * (the API's port is the only one); they leave out the auto-configuration the API's libraries would bring them
 * (a data source, JPA, Flyway, security), and the API leaves out the workers' job consumer.
 */
final class Services implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Services.class);

    private static final String API_EXCLUDES = String.join(",",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "io.robustlab.worker.WorkerAutoConfiguration");
    private static final String WORKER_EXCLUDES = String.join(",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration");

    private final ConfigurableApplicationContext api;
    private final List<ConfigurableApplicationContext> workers;

    private Services(ConfigurableApplicationContext api, List<ConfigurableApplicationContext> workers) {
        this.api = api;
        this.workers = workers;
    }

    /** Starts the API, then both workers side by side; on a failure, stops what started and rethrows. */
    static Services start(StandaloneSettings settings, EmbeddedDatabase database, EmbeddedBroker broker,
            List<String> userArguments) {
        List<String> common = new ArrayList<>(EmbeddedBrokerProfile.properties(broker));
        common.add("robustlab.artifacts.store=filesystem");
        common.add("robustlab.artifacts.root=" + settings.artifacts());
        common.add("spring.main.register-shutdown-hook=false"); // Standalone stops them in order
        common.add("logging.include-application-name=false"); // one logging system for three contexts
        common.add("logging.register-shutdown-hook=false"); // keep logging while the services stop

        List<String> apiProperties = new ArrayList<>(common);
        apiProperties.addAll(List.of(
                "spring.config.location=" + ServiceDefaults.locate("robustlab-api"),
                "spring.autoconfigure.exclude=" + API_EXCLUDES,
                "spring.datasource.url=" + database.jdbcUrl(),
                "spring.datasource.username=postgres",
                "spring.datasource.password=",
                "server.address=" + settings.apiAddress(),
                "server.port=" + settings.apiPort(),
                "robustlab.auth.enabled=" + settings.authEnabled()));
        ConfigurableApplicationContext api = run(ApiApplication.class, apiProperties, userArguments);
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        try (ExecutorService starting = sideBySide()) {
            CompletableFuture<ConfigurableApplicationContext> trainer = CompletableFuture.supplyAsync(() ->
                    run(TrainerApplication.class, worker(common, "trainer-service", "trainer", settings),
                            userArguments), starting);
            CompletableFuture<ConfigurableApplicationContext> attacker = CompletableFuture.supplyAsync(() ->
                    run(AttackApplication.class, worker(common, "attack-service", "attacker", settings),
                            userArguments), starting);
            RuntimeException failure = null;
            for (CompletableFuture<ConfigurableApplicationContext> worker : List.of(trainer, attacker)) {
                try {
                    started.add(worker.join());
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return new Services(api, started);
        } catch (RuntimeException e) {
            started.forEach(ConfigurableApplicationContext::close);
            api.close();
            throw e;
        }
    }

    private static List<String> worker(List<String> common, String applicationName, String role,
            StandaloneSettings settings) {
        List<String> properties = new ArrayList<>(common);
        properties.addAll(List.of(
                "spring.config.location=" + ServiceDefaults.locate(applicationName),
                "spring.autoconfigure.exclude=" + WORKER_EXCLUDES,
                "spring.main.web-application-type=none",
                "spring.main.banner-mode=off",
                "robustlab.worker.id=standalone-" + role,
                "robustlab.worker.work-directory=" + settings.work().resolve(role)));
        return properties;
    }

    /** Runs a service with {@code properties} as command-line arguments, so they win over its application.yml. */
    private static ConfigurableApplicationContext run(Class<?> application, List<String> properties,
            List<String> userArguments) {
        List<String> arguments = new ArrayList<>();
        properties.forEach(property -> arguments.add("--" + property));
        arguments.addAll(userArguments);
        SpringApplication service = new SpringApplication(application);
        service.setMainApplicationClass(application);
        return service.run(arguments.toArray(String[]::new));
    }

    /**
     * Stops the workers first (each returns the message of its running job to the broker, a training job after
     * storing a checkpoint of the epoch in progress), then the API (its open event streams, the outbox relay).
     */
    @Override
    public void close() {
        try (ExecutorService stopping = sideBySide()) {
            List<CompletableFuture<Void>> stops = workers.stream()
                    .map(worker -> CompletableFuture.runAsync(worker::close, stopping)).toList();
            for (CompletableFuture<Void> stop : stops) {
                try {
                    stop.join();
                } catch (RuntimeException e) {
                    log.error("a worker did not stop cleanly", e);
                }
            }
        }
        api.close();
    }

    /**
     * Threads for the two workers, created by the calling thread so they inherit its context class loader (the
     * executable jar's: Spring finds its factories through it; the common fork-join pool's threads have the
     * system class loader, which cannot see the jar's nested libraries).
     */
    private static ExecutorService sideBySide() {
        return Executors.newFixedThreadPool(2, Thread.ofPlatform().name("standalone-", 0).factory());
    }
}
