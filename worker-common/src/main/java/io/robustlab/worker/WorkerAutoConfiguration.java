package io.robustlab.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.robustlab.artifacts.ArtifactStore;
import io.robustlab.artifacts.ArtifactStoreSettings;
import io.robustlab.contracts.message.Topology;
import io.robustlab.worker.broker.CancelListener;
import io.robustlab.worker.broker.JobConsumer;
import io.robustlab.worker.broker.RabbitEventPublisher;
import io.robustlab.worker.broker.WorkerMessagingProperties;
import io.robustlab.worker.device.ComputeDevice;
import io.robustlab.worker.device.DeviceSelection;
import io.robustlab.worker.job.EventPublisher;
import io.robustlab.worker.job.JobLoop;
import io.robustlab.worker.job.JobMetrics;
import io.robustlab.worker.job.JobRunner;
import io.robustlab.worker.job.RunningJobs;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A worker in any Spring Boot application that has {@link JobRunner} beans: it consumes the queue of each runner's
 * kind, publishes events, listens for cancels and stores artifacts, as configured by {@link WorkerProperties},
 * {@link WorkerMessagingProperties} and {@code robustlab.artifacts.*} ({@link ArtifactStoreSettings}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@ConditionalOnBean(JobRunner.class)
@EnableConfigurationProperties({WorkerProperties.class, WorkerMessagingProperties.class})
public class WorkerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Topology topology(WorkerMessagingProperties messaging) {
        return new Topology(messaging.namespace());
    }

    @Bean
    @ConditionalOnMissingBean
    ArtifactStore artifactStore(Environment environment) throws IOException {
        return Binder.get(environment).bindOrCreate("robustlab.artifacts", ArtifactStoreSettings.class).open();
    }

    @Bean
    @ConditionalOnMissingBean
    ComputeDevice computeDevice(WorkerProperties worker) {
        return DeviceSelection.select(worker.device(), worker.threads());
    }

    @Bean
    RunningJobs runningJobs() {
        return new RunningJobs(Clock.systemUTC());
    }

    @Bean
    JobMetrics jobMetrics(ObjectProvider<MeterRegistry> registry, WorkerProperties worker) {
        return new JobMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), worker.concurrency(),
                System::nanoTime);
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(ConnectionFactory connectionFactory, Topology topology,
            WorkerMessagingProperties messaging, WorkerProperties worker) {
        return new RabbitEventPublisher(connectionFactory, topology, messaging.confirmTimeout(), worker.retry());
    }

    @Bean
    JobLoop jobLoop(List<JobRunner> runners, EventPublisher publisher, RunningJobs running, JobMetrics metrics,
            ComputeDevice device, ArtifactStore store, WorkerProperties worker) {
        return new JobLoop(runners, publisher, running, metrics, device, store,
                new JobLoop.Settings(worker.id(), worker.heartbeatInterval(), worker.progressInterval(),
                        worker.retry(), worker.workDirectory()),
                Clock.systemUTC());
    }

    @Bean
    CancelListener cancelListener(ConnectionFactory connectionFactory, Topology topology, RunningJobs running,
            WorkerMessagingProperties messaging, WorkerProperties worker) {
        return new CancelListener(connectionFactory, topology, running, messaging.recoveryInterval(), worker.id());
    }

    @Bean
    JobConsumer jobConsumer(ConnectionFactory connectionFactory, Topology topology, JobLoop loop,
            RunningJobs running, WorkerMessagingProperties messaging, WorkerProperties worker) {
        return new JobConsumer(connectionFactory, topology, loop, running, worker.concurrency(),
                messaging.recoveryInterval(), worker.shutdownTimeout(), worker.id());
    }
}
