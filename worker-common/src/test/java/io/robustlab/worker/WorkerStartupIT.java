package io.robustlab.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.contracts.message.CancelRequest;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.WorkerEvent.Cancelled;
import io.robustlab.contracts.message.WorkerEvent.Started;
import io.robustlab.contracts.message.WorkerEvent.Succeeded;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.worker.device.ComputeDevice;
import io.robustlab.worker.job.JobContext;
import io.robustlab.worker.job.JobResult;
import io.robustlab.worker.job.JobRunner;
import io.robustlab.worker.testing.EventStream;
import io.robustlab.worker.testing.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A worker with a runner that only waits, against a real RabbitMQ: it starts before the API has declared anything,
 * waits for the queues and the control exchange, then runs jobs and hears cancels.
 */
class WorkerStartupIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String SPEC = """
            {"apiVersion": "robustlab/v1", "kind": "Train", "dataset": {"name": "gaussian"},
             "model": {"architecture": "mlp", "hidden": [8]}, "epochs": 1}""";

    @TempDir
    Path temp;

    private TestBroker broker;
    private ConfigurableApplicationContext worker;

    /** Waits until stopped when the job's metadata name is "wait", else succeeds at once. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class WaitingWorker {

        @Bean
        JobRunner waitingRunner() {
            return new JobRunner() {
                @Override
                public String kind() {
                    return "Train";
                }

                @Override
                public JobResult run(JobContext context) throws InterruptedException {
                    long deadline = System.nanoTime() + DEADLINE.toNanos();
                    while ("wait".equals(context.message().spec().metadata().name()) && !context.stopRequested()
                            && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                    if (context.stopRequested()) {
                        throw new IllegalStateException("stopped");
                    }
                    return new JobResult(List.of());
                }
            };
        }

        @Bean
        ComputeDevice computeDevice() {
            return new ComputeDevice("cpu", 1, "none");
        }
    }

    @BeforeEach
    void startWorkerBeforeTheTopologyExists() {
        broker = TestBroker.connect();
        worker = new SpringApplicationBuilder(WaitingWorker.class).web(WebApplicationType.NONE)
                .run(broker.workerArguments(Map.of(
                        "spring.rabbitmq.publisher-confirm-type", "correlated",
                        "spring.rabbitmq.publisher-returns", "true",
                        "robustlab.messaging.recovery-interval", "300ms",
                        "robustlab.artifacts.root", temp.resolve("store"),
                        "robustlab.worker.work-directory", temp.resolve("work"))));
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private JobMessage job(String name) {
        String spec = SPEC.replace("{\"apiVersion\"", "{\"metadata\": {\"name\": \"" + name + "\"}, \"apiVersion\"");
        return new JobMessage(UUID.randomUUID().toString(), 1, SpecCodec.parse(spec).withDefaults(), null);
    }

    @Test
    void aWorkerStartedBeforeTheQueuesExistConsumesOnceTheyAppearAndHearsCancels() throws Exception {
        assertThat(worker.isRunning()).isTrue();
        broker.declareTopology();
        EventStream events = broker.events();

        JobMessage quick = job("quick");
        broker.publishJob(quick);
        assertThat(events.awaitEnd(quick.jobId(), DEADLINE).payload()).isInstanceOf(Succeeded.class);

        JobMessage waiting = job("wait");
        broker.publishJob(waiting);
        events.await(waiting.jobId(), p -> p instanceof Started, DEADLINE);
        broker.cancel(new CancelRequest(waiting.jobId(), 1, "cancelled by the test"));
        assertThat(events.awaitEnd(waiting.jobId(), DEADLINE).payload())
                .isEqualTo(new Cancelled("cancelled by the test"));
        assertThat(broker.ready(broker.topology().trainQueue())).isZero();
    }
}
