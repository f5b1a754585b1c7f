package io.robustlab.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.robustlab.api.testing.ApiClient.Response;
import io.robustlab.api.testing.ApiIntegrationTest;
import io.robustlab.api.testing.FakeWorker;
import io.robustlab.api.testing.QueueReader;
import io.robustlab.api.testing.TestBroker;
import io.robustlab.contracts.message.Topology;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The topology the API declares, on the real RabbitMQ: dead-lettering, the delivery limit, and its metrics. */
class BrokerTopologyIT extends ApiIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    Topology topology;
    @Autowired
    MessagingProperties properties;
    @Autowired
    MeterRegistry registry;
    @Autowired
    QueueMetrics queueMetrics;
    @Autowired
    RabbitListenerEndpointRegistry listeners;
    @Autowired
    JdbcClient jdbc;

    /** The API's own consumer of dead letters would take what these tests read from the queue. */
    @BeforeEach
    void pauseTheDeadLetterConsumer() {
        listeners.getListenerContainer("dead-letters").stop();
    }

    @AfterEach
    void resumeTheDeadLetterConsumer() {
        listeners.getListenerContainer("dead-letters").start();
    }

    @Test
    void aJobWhoseMessageIsDeadLetteredFailsWithTheBrokersReason() {
        TestBroker.requireRabbitMq(connectionFactory);
        listeners.getListenerContainer("dead-letters").start();
        UUID job = UUID.fromString(api().post("/api/v1/jobs", """
                {"apiVersion": "robustlab/v1", "kind": "Train", "dataset": {"name": "fashion-mnist"},
                 "model": {"architecture": "mlp", "hidden": [8]}, "seed": %d}""".formatted(System.nanoTime() % 1_000_000))
                .json().get("id").asString());

        // A worker that dies on this job: every delivery of its message is rejected and requeued.
        await().atMost(WAIT).untilAsserted(() -> {
            rabbit.execute(channel -> {
                GetResponse delivery = channel.basicGet(topology.trainQueue(), false);
                if (delivery != null) {
                    boolean mine = new String(delivery.getBody(), StandardCharsets.UTF_8).contains(job.toString());
                    if (mine) {
                        channel.basicReject(delivery.getEnvelope().getDeliveryTag(), true);
                    } else {
                        channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                    }
                }
                return null;
            });
            JsonNode failed = api().get("/api/v1/jobs/" + job).json();
            assertThat(failed.get("status").asString()).isEqualTo("FAILED");
            assertThat(failed.get("failureReason").asString()).contains("dead-lettered").contains("delivery_limit");
        });
        assertThat(jdbc.sql("select count(*) from job_transition where job_id = ? and to_status = 'FAILED'")
                .param(job).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aJobMessageRejectedOverAndOverIsDeadLetteredAfterTheDeliveryLimit() {
        TestBroker.requireRabbitMq(connectionFactory);
        rejectUntilDeadLettered(topology.jobsExchange(), Topology.TRAIN);
    }

    @Test
    void aMessagePutStraightIntoAJobQueueIsDeadLetteredToo() {
        TestBroker.requireRabbitMq(connectionFactory);
        // The default exchange: the dead letter's routing key is then the queue's name.
        rejectUntilDeadLettered("", topology.trainQueue());
    }

    /** Publishes a message and rejects it as a worker that dies on it would, until the broker dead-letters it. */
    private void rejectUntilDeadLettered(String exchange, String routingKey) {
        String poison = UUID.randomUUID().toString();
        MessageProperties sent = new MessageProperties();
        sent.setMessageId(poison);
        rabbit.send(exchange, routingKey, new Message("{\"poison\": true}".getBytes(), sent));

        long deadline = System.nanoTime() + WAIT.toNanos();
        int deliveries = 0;
        GetResponse dead = null;
        while (dead == null && System.nanoTime() < deadline) {
            int before = deliveries;
            deliveries += rabbit.execute(channel -> {
                GetResponse delivery = channel.basicGet(topology.trainQueue(), false);
                if (delivery == null) {
                    return 0;
                }
                boolean mine = poison.equals(delivery.getProps().getMessageId());
                if (mine) {
                    channel.basicReject(delivery.getEnvelope().getDeliveryTag(), true);
                } else {
                    channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                }
                return mine ? 1 : 0;
            });
            if (deliveries == before) {
                dead = rabbit.execute(channel -> {
                    GetResponse letter = channel.basicGet(topology.deadLetterQueue(), true);
                    return letter != null && poison.equals(letter.getProps().getMessageId()) ? letter : null;
                });
            }
        }

        assertThat(dead).as("dead-lettered within %s", WAIT).isNotNull();
        assertThat(deliveries).isEqualTo(properties.deliveryLimit() + 1);
        assertThat(xDeath(dead.getProps().getHeaders())).containsEntry("reason", "delivery_limit")
                .containsEntry("queue", topology.trainQueue());
    }

    @Test
    void anUnreadableEventIsDeadLetteredToTheEventsDeadLetterQueue() {
        TestBroker.requireRabbitMq(connectionFactory);
        String id = UUID.randomUUID().toString();
        new FakeWorker(rabbit, topology).sendRaw("this is not an event".getBytes(StandardCharsets.UTF_8), id);

        Message dead = new QueueReader(rabbit).await(topology.eventsDeadLetterQueue(),
                m -> id.equals(m.getMessageProperties().getMessageId()), WAIT);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("this is not an event");
        assertThat(xDeath(dead.getMessageProperties().getHeaders())).containsEntry("reason", "rejected")
                .containsEntry("queue", topology.eventsQueue());
        assertThat(registry.find("robustlab.events.apply").tag("outcome", "rejected").timer()).isNotNull()
                .satisfies(timer -> assertThat(timer.count()).isPositive());
    }

    @Test
    void queueDepthsAreMeasuredAndServedWithTheOtherMetricsAtThePrometheusEndpoint() {
        TestBroker.requireRabbitMq(connectionFactory);
        admin.purgeQueue(topology.deadLetterQueue(), false);
        for (int i = 0; i < 3; i++) {
            rabbit.send(topology.deadLetterExchange(), Topology.ATTACK, new Message(new byte[] {1}));
        }
        await().atMost(WAIT).untilAsserted(() -> {
            queueMetrics.measure();
            assertThat(registry.get("robustlab.queue.depth").tag("queue", "dead-letter").gauge().value())
                    .isEqualTo(3.0);
        });
        assertThat(registry.get("robustlab.queue.consumers").tag("queue", "events").gauge().value())
                .as("the API consumes its events").isGreaterThanOrEqualTo(1.0);

        assertThat(api().post("/api/v1/jobs", """
                {"apiVersion": "robustlab/v1", "kind": "Train", "dataset": {"name": "fashion-mnist"},
                 "model": {"architecture": "mlp", "hidden": [8]}}""").status()).isEqualTo(201);
        queueMetrics.measure();
        Response scrape = api().get("/actuator/prometheus");
        // Purged only after the scrape: the scheduled measurement would otherwise report the empty queue.
        admin.purgeQueue(topology.deadLetterQueue(), false);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.text()).contains("robustlab_jobs_submitted_total{application=\"robustlab-api\",kind=\"Train\"}")
                .contains("robustlab_jobs_finished_total{application=\"robustlab-api\",kind=\"Evaluate\",outcome=\"cancelled\"}")
                .contains("robustlab_queue_depth{application=\"robustlab-api\",queue=\"dead-letter\"} 3.0")
                .contains("robustlab_queue_depth{application=\"robustlab-api\",queue=\"train\"}")
                .contains("robustlab_outbox_unsent{")
                .contains("robustlab_outbox_oldest_age_seconds{")
                .contains("robustlab_outbox_published_total{");
        assertThat(submittedTrainJobs(scrape.text())).isPositive();
    }

    @Test
    void theApiIsNotReadyWhileTheBrokerIsUnreachableButStaysLive() throws IOException {
        assertThat(api().get("/actuator/health/readiness").status()).isEqualTo(200);
        CachingConnectionFactory broker = (CachingConnectionFactory) connectionFactory;
        try {
            broker.setAddresses("127.0.0.1:" + closedPort());
            broker.resetConnection();
            await().atMost(WAIT).untilAsserted(() -> {
                Response readiness = api().get("/actuator/health/readiness");
                assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
                assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
            });
            assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            broker.setAddresses(TestBroker.get().host() + ":" + TestBroker.get().port());
            broker.resetConnection();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(api().get("/actuator/health/readiness").status())
                .isEqualTo(200));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> xDeath(Map<String, Object> headers) {
        List<Map<String, Object>> deaths = (List<Map<String, Object>>) headers.get("x-death");
        assertThat(deaths).as("x-death header").isNotEmpty();
        Map<String, Object> death = new HashMap<>();
        deaths.getFirst().forEach((key, value) -> death.put(key, value == null ? null : value.toString()));
        return death;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double submittedTrainJobs(String scrape) {
        return scrape.lines().filter(line -> line.startsWith("robustlab_jobs_submitted_total{")
                && line.contains("kind=\"Train\"")).mapToDouble(line -> Double.parseDouble(
                line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
