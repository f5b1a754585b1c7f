package io.robustlab.api.outbox;

import static io.robustlab.api.testing.QueueReader.isJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.robustlab.api.testing.ApiClient.Response;
import io.robustlab.api.testing.ApiIntegrationTest;
import io.robustlab.api.testing.QueueReader;
import io.robustlab.api.testing.TestBroker;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.Topology;
import io.robustlab.contracts.spec.SpecCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class OutboxRelayIT extends ApiIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TRAIN = """
            {"apiVersion": "robustlab/v1", "kind": "Train", "metadata": {"name": "%s"},
             "dataset": {"name": "fashion-mnist"}, "model": {"architecture": "mlp", "hidden": [32]}, "seed": 5}
            """;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    Topology topology;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void aSubmittedJobReachesTheTrainQueueAsItsJobMessageConfirmedAndMarkedSent() {
        String spec = TRAIN.formatted("relay " + UUID.randomUUID());
        Response created = api().post("/api/v1/jobs", spec);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("id").asString());

        Message message = new QueueReader(rabbit).await(topology.trainQueue(), isJob(id, 1), WAIT);

        JobMessage job = MessageCodec.decodeJob(message.getBody());
        assertThat(job.jobId()).isEqualTo(id.toString());
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.kind()).isEqualTo("Train");
        assertThat(SpecCodec.specHash(job.spec())).isEqualTo(created.json().get("specHash").asString());
        assertThat(job.spec()).isEqualTo(SpecCodec.parse(spec));
        assertThat(message.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
        Map<String, Object> row = outboxRowOf(id);
        assertThat(message.getMessageProperties().getMessageId()).isEqualTo(row.get("message_id"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(outboxRowOf(id).get("sent_at")).isNotNull());
    }

    @Test
    void anInvalidSpecPublishesNothing() {
        String marker = "invalid-" + UUID.randomUUID();
        long before = jdbc.sql("select count(*) from outbox_message").query(Long.class).single();
        Response invalid = api().post("/api/v1/jobs", TRAIN.formatted(marker).replace("\"seed\": 5", "\"epochs\": 0"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from outbox_message").query(Long.class).single()).isEqualTo(before);

        // The relay publishes in order: once a job submitted afterwards arrives, anything before it has too.
        UUID sentinel = UUID.fromString(api().post("/api/v1/jobs", TRAIN.formatted("sentinel " + marker))
                .json().get("id").asString());
        List<Message> taken = new QueueReader(rabbit).awaitAll(topology.trainQueue(), isJob(sentinel, 1), WAIT);
        assertThat(taken).noneMatch(m -> new String(m.getBody(), StandardCharsets.UTF_8)
                .contains("\"" + marker + "\""));
    }

    @Test
    void theRelaySurvivesABrokerOutageAndPublishesOnceTheBrokerIsBack() throws IOException {
        CachingConnectionFactory publisher = (CachingConnectionFactory)
                ((CachingConnectionFactory) connectionFactory).getPublisherConnectionFactory();
        UUID id;
        try {
            publisher.setAddresses("127.0.0.1:" + closedPort());
            publisher.resetConnection();

            Response created = api().post("/api/v1/jobs", TRAIN.formatted("outage " + UUID.randomUUID()));
            assertThat(created.status()).as("accepted while the broker is unreachable").isEqualTo(201);
            id = UUID.fromString(created.json().get("id").asString());
            UUID job = id;
            await().atMost(WAIT).untilAsserted(() -> {
                Map<String, Object> row = outboxRowOf(job);
                assertThat(row.get("last_error")).asString().contains("not published");
                assertThat((Integer) row.get("attempts")).isGreaterThanOrEqualTo(1);
                assertThat(row.get("sent_at")).isNull();
            });
        } finally {
            publisher.setAddresses(TestBroker.get().host() + ":" + TestBroker.get().port());
            publisher.resetConnection();
        }

        Message message = new QueueReader(rabbit).await(topology.trainQueue(), isJob(id, 1), WAIT);
        assertThat(MessageCodec.decodeJob(message.getBody()).jobId()).isEqualTo(id.toString());
        UUID job = id;
        await().atMost(WAIT).untilAsserted(() -> assertThat(outboxRowOf(job).get("sent_at")).isNotNull());
    }

    @Test
    void aMessageTheBrokerCannotRouteStaysUnsentWithTheReason() {
        String body = "{\"unroutable\": \"" + UUID.randomUUID() + "\"}";
        transaction.executeWithoutResult(status -> outbox.enqueue(topology.jobsExchange(), "nowhere",
                body.getBytes(StandardCharsets.UTF_8)));
        try {
            await().atMost(WAIT).untilAsserted(() -> {
                Map<String, Object> row = rowWithPayload(body);
                // RabbitMQ returns the message (then acks); the embedded broker nacks it before the return.
                assertThat(row.get("last_error")).asString().satisfiesAnyOf(
                        error -> assertThat(error).contains("unroutable").contains("NO_ROUTE"),
                        error -> assertThat(TestBroker.get().embedded()).isTrue());
                assertThat(row.get("attempts")).asString().isNotEqualTo("0");
                assertThat(row.get("sent_at")).isNull();
            });
        } finally {
            jdbc.sql("delete from outbox_message where convert_from(payload, 'UTF8') = ?").param(body).update();
        }
    }

    @Test
    void aCancelRequestNoWorkerListensToIsConfirmedNotRetried() {
        String body = "{\"cancel\": \"" + UUID.randomUUID() + "\"}";
        transaction.executeWithoutResult(status -> outbox.enqueue(topology.controlExchange(), "",
                body.getBytes(StandardCharsets.UTF_8)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(rowWithPayload(body).get("sent_at")).isNotNull());
        assertThat(rowWithPayload(body).get("last_error")).isNull();
    }

    private Map<String, Object> outboxRowOf(UUID jobId) {
        return jdbc.sql("select * from outbox_message where exchange = ? and convert_from(payload, 'UTF8') like ?")
                .params(topology.jobsExchange(), "%" + jobId + "%").query().singleRow();
    }

    private Map<String, Object> rowWithPayload(String body) {
        return jdbc.sql("select * from outbox_message where convert_from(payload, 'UTF8') = ?").param(body)
                .query().singleRow();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
