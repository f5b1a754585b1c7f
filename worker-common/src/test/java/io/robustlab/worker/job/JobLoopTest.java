package io.robustlab.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.robustlab.artifacts.FileSystemArtifactStore;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.WorkerEvent;
import io.robustlab.contracts.message.WorkerEvent.Artifact;
import io.robustlab.contracts.message.WorkerEvent.Cancelled;
import io.robustlab.contracts.message.WorkerEvent.EpochMetric;
import io.robustlab.contracts.message.WorkerEvent.Failed;
import io.robustlab.contracts.message.WorkerEvent.Heartbeat;
import io.robustlab.contracts.message.WorkerEvent.Progress;
import io.robustlab.contracts.message.WorkerEvent.Started;
import io.robustlab.contracts.message.WorkerEvent.Succeeded;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.worker.device.ComputeDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobLoopTest {

    private static final String SPEC = """
            {"apiVersion": "robustlab/v1", "kind": "Train", "dataset": {"name": "gaussian"},
             "model": {"architecture": "mlp", "hidden": [8]}, "epochs": 2}""";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    private final Recorder broker = new Recorder();
    private final TestClock clock = new TestClock();
    private final RunningJobs running = new RunningJobs(clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private FileSystemArtifactStore store;
    private JobLoop loop;

    @BeforeEach
    void createStore() throws IOException {
        store = new FileSystemArtifactStore(temp.resolve("store"));
    }

    @AfterEach
    void closeLoop() {
        if (loop != null) {
            loop.close();
        }
    }

    private FakeRunner runner(FakeRunner.Work work) {
        return runner(work, Duration.ofHours(1));
    }

    private FakeRunner runner(FakeRunner.Work work, Duration heartbeatInterval) {
        FakeRunner runner = new FakeRunner("Train", work);
        loop = new JobLoop(List.of(runner), broker, running, new JobMetrics(registry, 1, System::nanoTime),
                new ComputeDevice("cpu", 2, "PyTorch 2.7.1"), store,
                new JobLoop.Settings("worker-7", heartbeatInterval, Duration.ofSeconds(2),
                        new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4)), temp.resolve("work")),
                clock);
        return runner;
    }

    private static byte[] job(String jobId, int attempt) {
        return MessageCodec.encode(new JobMessage(jobId, attempt, SpecCodec.parse(SPEC).withDefaults(), null));
    }

    private void process(byte[] body) {
        loop.process(new Delivery("Train", body, false, 0), broker);
    }

    private CompletableFuture<Void> processInBackground(byte[] body) {
        return CompletableFuture.runAsync(() -> process(body));
    }

    @Test
    void aSuccessfulRunPublishesStartedResultsAndSucceededThenAcks() throws Exception {
        runner((context, call) -> {
            Path file = Files.writeString(context.workDirectory().resolve("model.json"), "{\"layers\": []}");
            Artifact model = context.upload("model/model.json", file, "application/json");
            context.progress(50, "epoch 1/2", 3.0, 1000.0);
            context.report(new EpochMetric(1, 0.5, 0.8, 0.6, 0.75, 0.1, 1.5));
            return new JobResult(List.of(model));
        });

        process(job("job-1", 1));

        assertThat(broker.types()).containsExactly("started", "progress", "epoch-metric", "succeeded");
        assertThat(broker.log()).containsExactly("published started", "published progress",
                "published epoch-metric", "published succeeded", "ack");
        List<WorkerEvent> events = broker.events();
        assertThat(events).extracting(WorkerEvent::sequence).containsExactly(0L, 1L, 2L, 3L);
        assertThat(events).extracting(WorkerEvent::runId).containsOnly(events.getFirst().runId());
        assertThat(events).extracting(WorkerEvent::jobId).containsOnly("job-1");
        assertThat(events).extracting(WorkerEvent::attempt).containsOnly(1);
        assertThat(events.getFirst().payload()).isEqualTo(new Started("worker-7", "cpu", 2, "PyTorch 2.7.1"));

        Artifact model = ((Succeeded) events.getLast().payload()).artifacts().getFirst();
        byte[] stored = store.open(model.key()).readAllBytes();
        assertThat(model.key()).isEqualTo("jobs/job-1/attempt-1/model/model.json");
        assertThat(model.name()).isEqualTo("model/model.json");
        assertThat(model.sizeBytes()).isEqualTo(stored.length);
        assertThat(model.sha256()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(stored)));
        assertThat(model.contentType()).isEqualTo("application/json");
        assertThat(temp.resolve("work")).isEmptyDirectory();
        assertThat(registry.get("robustlab.worker.jobs").tag("job_kind", "Train").tag("outcome", "succeeded")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aFinalEventTheBrokerDoesNotConfirmReturnsTheMessageInsteadOfAckingIt() {
        runner((context, call) -> new JobResult(List.of()));
        broker.refuse(payload -> payload instanceof Succeeded);

        process(job("job-1", 1));

        assertThat(broker.log()).containsExactly("published started", "refused succeeded", "requeue");
    }

    @Test
    void anUnconfirmedStartedReturnsTheMessageWithoutRunningTheJob() {
        FakeRunner runner = runner((context, call) -> new JobResult(List.of()));
        broker.refuse(payload -> payload instanceof Started);

        process(job("job-1", 1));

        assertThat(broker.log()).containsExactly("refused started", "requeue");
        assertThat(runner.calls()).isZero();
    }

    @Test
    void aCancelStopsTheRunningAttemptAndIsAckedAfterTheCancelledEvent() throws Exception {
        CountDownLatch runnerStarted = new CountDownLatch(1);
        runner((context, call) -> {
            runnerStarted.countDown();
            awaitStop(context);
            throw new IllegalStateException("stopped between two batches");
        });

        CompletableFuture<Void> run = processInBackground(job("job-1", 3));
        assertThat(runnerStarted.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(running.cancel("job-1", 2, "an older attempt")).isFalse();
        assertThat(running.cancel("job-1", 3, "cancelled by ada")).isTrue();
        run.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

        assertThat(broker.log()).containsExactly("published started", "published cancelled", "ack");
        assertThat(broker.events().getLast().payload()).isEqualTo(new Cancelled("cancelled by ada"));
    }

    @Test
    void aCancelThatOvertookItsJobMessageStopsTheJobBeforeItRuns() {
        FakeRunner runner = runner((context, call) -> new JobResult(List.of()));

        running.cancel("job-1", 1, "cancelled while queued");
        process(job("job-1", 1));

        assertThat(broker.log()).containsExactly("published started", "published cancelled", "ack");
        assertThat(runner.calls()).isZero();
    }

    @Test
    void shutdownStopsTheRunAndReturnsItsMessageWithoutAFinalEvent() throws Exception {
        CountDownLatch runnerStarted = new CountDownLatch(1);
        FakeRunner runner = runner((context, call) -> {
            runnerStarted.countDown();
            awaitStop(context);
            throw new IllegalStateException("stopped between two batches");
        });

        CompletableFuture<Void> run = processInBackground(job("job-1", 1));
        assertThat(runnerStarted.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        running.shutdown();
        run.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        process(job("job-2", 1));

        assertThat(broker.log()).containsExactly("published started", "requeue", "requeue");
        assertThat(runner.calls()).isEqualTo(1);
    }

    @Test
    void aRunWhoseDeliveryWasLostStopsWithoutAFinalEvent() throws Exception {
        CountDownLatch runnerStarted = new CountDownLatch(1);
        runner((context, call) -> {
            runnerStarted.countDown();
            awaitStop(context);
            throw new IllegalStateException("stopped between two batches");
        });

        CompletableFuture<Void> run = processInBackground(job("job-1", 1));
        assertThat(runnerStarted.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        broker.loseDelivery();
        run.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

        assertThat(broker.log()).containsExactly("published started", "requeue");
    }

    @Test
    void aFailureTheRunnerRecognisesFailsAtOnceWithItsReason() {
        FakeRunner runner = runner((context, call) -> {
            throw new JobFailure("the training loss diverged to NaN at epoch 1; lower the learning rate", false);
        });

        process(job("job-1", 1));

        assertThat(runner.calls()).isEqualTo(1);
        assertThat(broker.log()).containsExactly("published started", "published failed", "ack");
        assertThat(broker.events().getLast().payload()).isEqualTo(
                new Failed("the training loss diverged to NaN at epoch 1; lower the learning rate", false));
    }

    @Test
    void aStorageFailureIsTriedAgainAndReportedAsRetryableWhenItPersists() {
        FakeRunner runner = runner((context, call) -> {
            throw new IOException("connection refused: minio:9000");
        });

        process(job("job-1", 1));

        assertThat(runner.calls()).isEqualTo(3);
        Failed failed = (Failed) broker.events().getLast().payload();
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.reason()).contains("connection refused: minio:9000");
        assertThat(broker.log()).endsWith("ack");
    }

    @Test
    void aStorageFailureThatPassesEndsInSuccess() {
        FakeRunner runner = runner((context, call) -> {
            if (call == 1) {
                throw new java.io.UncheckedIOException(new IOException("timeout"));
            }
            return new JobResult(List.of());
        });

        process(job("job-1", 1));

        assertThat(runner.calls()).isEqualTo(2);
        assertThat(broker.log()).containsExactly("published started", "published succeeded", "ack");
    }

    @Test
    void runningOutOfMemoryFailsAtOnceWithWhatToChange() {
        FakeRunner heap = runner((context, call) -> {
            throw new OutOfMemoryError("Java heap space");
        });
        process(job("job-1", 1));
        assertThat(heap.calls()).isEqualTo(1);
        Failed failed = (Failed) broker.events().getLast().payload();
        assertThat(failed.reason()).contains("out of memory", "Java heap space", "smaller batch size");
        assertThat(failed.retryable()).isFalse();

        FakeRunner nativeMemory = runner((context, call) -> {
            throw new RuntimeException("[enforce fail at alloc_cpu.cpp:117] DefaultCPUAllocator: not enough memory");
        });
        process(job("job-2", 1));
        assertThat(nativeMemory.calls()).isEqualTo(1);
        assertThat(((Failed) broker.events().getLast().payload()).reason()).contains("out of memory");
    }

    @Test
    void anUnexpectedExceptionFailsTheJobAtOnceRatherThanLoop() {
        FakeRunner runner = runner((context, call) -> {
            throw new IllegalArgumentException("hidden widths must be positive");
        });

        process(job("job-1", 1));

        assertThat(runner.calls()).isEqualTo(1);
        assertThat(broker.events().getLast().payload())
                .isEqualTo(new Failed("the job failed: hidden widths must be positive", false));
        assertThat(broker.log()).endsWith("ack");
    }

    @Test
    void anErrorThatIsNotOutOfMemoryReturnsTheMessageLikeACrash() {
        runner((context, call) -> {
            throw new StackOverflowError();
        });

        process(job("job-1", 1));

        assertThat(broker.log()).containsExactly("published started", "requeue");
    }

    @Test
    void aJobWhoseRunKeepsBreakingDownIsFailedRatherThanReturnedForever() {
        // A broker without a delivery limit (Qpid in standalone mode) would hand the message back forever.
        FakeRunner runner = runner((context, call) -> {
            throw new StackOverflowError();
        });

        for (int delivery = 1; delivery <= JobLoop.BREAKDOWNS_BEFORE_FAILING; delivery++) {
            process(job("job-1", 1));
        }
        process(job("job-2", 1)); // another job's count starts from nothing

        assertThat(runner.calls()).isEqualTo(JobLoop.BREAKDOWNS_BEFORE_FAILING + 1);
        assertThat(broker.log()).containsExactly("published started", "requeue", "published started", "requeue",
                "published started", "published failed", "reject", "published started", "requeue");
        Failed failed = (Failed) broker.events().stream().filter(e -> e.payload() instanceof Failed).findFirst()
                .orElseThrow().payload();
        assertThat(failed.reason()).startsWith("the job's run broke down 3 times on worker worker-7 (last: "
                + "java.lang.StackOverflowError)");
        assertThat(failed.retryable()).isFalse();
    }

    @Test
    void anUnreadableMessageWithAJobIdIsReportedAsFailedAndDeadLettered() {
        FakeRunner runner = runner((context, call) -> new JobResult(List.of()));

        process("{\"schemaVersion\": 99, \"jobId\": \"job-9\", \"attempt\": 2}".getBytes(StandardCharsets.UTF_8));

        assertThat(broker.log()).containsExactly("published failed", "reject");
        WorkerEvent failed = broker.events().getFirst();
        assertThat(failed.jobId()).isEqualTo("job-9");
        assertThat(failed.attempt()).isEqualTo(2);
        assertThat(((Failed) failed.payload()).reason()).contains("schema version");
        assertThat(((Failed) failed.payload()).retryable()).isFalse();
        assertThat(runner.calls()).isZero();
        assertThat(registry.get("robustlab.worker.jobs").tag("outcome", "rejected").counter().count()).isEqualTo(1);
    }

    @Test
    void anUnreadableMessageWithoutAJobIdIsDeadLetteredSilently() {
        runner((context, call) -> new JobResult(List.of()));

        process("not json at all".getBytes(StandardCharsets.UTF_8));

        assertThat(broker.log()).containsExactly("reject");
    }

    @Test
    void aJobOfAKindThisWorkerDoesNotRunIsDeadLettered() {
        FakeRunner evaluator = new FakeRunner("Evaluate", (context, call) -> new JobResult(List.of()));
        loop = new JobLoop(List.of(evaluator), broker, running, new JobMetrics(registry, 1, System::nanoTime),
                new ComputeDevice("cpu", 2, "PyTorch 2.7.1"), store,
                new JobLoop.Settings("worker-7", Duration.ofHours(1), Duration.ofSeconds(2),
                        new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4)), temp.resolve("work")),
                clock);

        process(job("job-1", 1));

        assertThat(broker.log()).containsExactly("published failed", "reject");
        assertThat(((Failed) broker.events().getFirst().payload()).reason()).contains("Train", "[Evaluate]");
        assertThat(evaluator.calls()).isZero();
    }

    @Test
    void progressIsPublishedAtMostOncePerProgressInterval() {
        long[] atMillis = {0, 1000, 1900, 2000, 3000, 4500, 10_000};
        runner((context, call) -> {
            long now = 0;
            for (int i = 0; i < atMillis.length; i++) {
                clock.advance(Duration.ofMillis(atMillis[i] - now));
                now = atMillis[i];
                context.progress(i, "step " + i, null, null);
            }
            return new JobResult(List.of());
        });

        process(job("job-1", 1));

        // The interval is 2 s: 0 goes out, then 2.0 s, 4.5 s and 10 s; 1.0, 1.9 and 3.0 s come too soon.
        assertThat(broker.events()).filteredOn(event -> event.payload() instanceof Progress)
                .extracting(event -> ((Progress) event.payload()).phase())
                .containsExactly("step 0", "step 3", "step 5", "step 6");
    }

    @Test
    void heartbeatsArePublishedWhileTheJobRunsAndNotAfterItsFinalEvent() throws Exception {
        runner((context, call) -> {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (broker.count(Heartbeat.class) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return new JobResult(List.of());
        }, Duration.ofMillis(20));

        process(job("job-1", 1));

        List<String> types = broker.types();
        assertThat(types.stream().filter("heartbeat"::equals).count()).isGreaterThanOrEqualTo(2);
        assertThat(types.getFirst()).isEqualTo("started");
        assertThat(types.getLast()).isEqualTo("succeeded");
        assertThat(broker.events()).extracting(WorkerEvent::sequence)
                .containsExactlyElementsOf(IntStream.range(0, types.size()).mapToObj(i -> (long) i).toList());
        assertThat(broker.log().getLast()).isEqualTo("ack");
    }

    @Test
    void aRunnerCannotPublishTheEventsTheLoopOwns() {
        runner((context, call) -> {
            context.report(new Succeeded(List.of()));
            return new JobResult(List.of());
        });

        process(job("job-1", 1));

        assertThat(broker.types()).containsExactly("started", "failed");
        assertThat(((Failed) broker.events().getLast().payload()).reason()).contains("publishes Succeeded itself");
    }

    private static void awaitStop(JobContext context) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!context.stopRequested() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }
}
