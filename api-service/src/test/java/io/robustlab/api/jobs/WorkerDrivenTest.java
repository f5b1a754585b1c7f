package io.robustlab.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.robustlab.api.testing.ApiClient.Response;
import io.robustlab.api.testing.ApiIntegrationTest;
import io.robustlab.api.testing.FakeWorker;
import io.robustlab.contracts.message.CancelRequest;
import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.Topology;
import io.robustlab.contracts.message.WorkerEvent.Started;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tests that play a worker: submit jobs, report events over the broker, look at what the API made of them. */
abstract class WorkerDrivenTest extends ApiIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Started STARTED = new Started("worker-1", "cpu", 2, "PyTorch");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    Topology topology;
    @Autowired
    MeterRegistry registry;
    @Autowired
    LeaseWatchdog watchdog;

    FakeWorker worker() {
        return new FakeWorker(rabbit, topology);
    }

    UUID submitTrain(String name) {
        Response created = api().post("/api/v1/jobs", """
                {"apiVersion": "robustlab/v1", "kind": "Train", "metadata": {"name": "%s"},
                 "dataset": {"name": "fashion-mnist"}, "model": {"architecture": "mlp", "hidden": [16]}}
                """.formatted(name + " " + UUID.randomUUID()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    UUID submitEvaluate(UUID train) {
        Response created = api().post("/api/v1/jobs", """
                {"apiVersion": "robustlab/v1", "kind": "Evaluate", "model": {"trainJob": "%s"},
                 "dataset": {"name": "fashion-mnist"}, "attacks": [{"name": "fgsm"}], "epsilons": [{"values": [0, 0.1]}]}
                """.formatted(train));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    void awaitRecorded(UUID job, String run, long sequence) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.sql(
                "select count(*) from job_event where job_id = ? and run_id = ? and sequence = ?")
                .params(job, run, sequence).query(Long.class).single()).isEqualTo(1));
    }

    String status(UUID job) {
        return jdbc.sql("select status from job where id = ?").param(job).query(String.class).single();
    }

    Map<String, Object> jobRow(UUID job) {
        return jdbc.sql("select * from job where id = ?").param(job).query().singleRow();
    }

    List<String> transitions(UUID job) {
        return jdbc.sql("select from_status, to_status from job_transition where job_id = ? order by id")
                .param(job).query((rs, row) -> rs.getString(1) + "->" + rs.getString(2)).list();
    }

    long rows(String table, UUID job) {
        return jdbc.sql("select count(*) from " + table + " where job_id = ?").param(job).query(Long.class).single();
    }

    List<CancelRequest> cancelRequests(UUID job) {
        return jdbc.sql("select payload from outbox_message where exchange = ? and convert_from(payload, 'UTF8') like ?")
                .params(topology.controlExchange(), "%" + job + "%")
                .query((rs, row) -> MessageCodec.decodeCancel(rs.getBytes(1))).list();
    }

    /** Events applied with this outcome so far. */
    double count(String outcome) {
        return registry.find("robustlab.events.apply").tag("outcome", outcome).timers().stream()
                .mapToLong(Timer::count).sum();
    }
}
