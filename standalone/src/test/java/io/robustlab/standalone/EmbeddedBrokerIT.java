package io.robustlab.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerIT {

    @TempDir
    Path home;

    @Test
    void aPersistentMessageOutlivesARestartAndUnackedOnesComeBack() throws Exception {
        Path store = home.resolve("broker");
        try (EmbeddedBroker broker = EmbeddedBroker.start(store);
                Connection connection = connect(broker);
                Channel channel = connection.createChannel()) {
            // RabbitMQ's quorum-queue argument is ignored, not refused: the connection stays open.
            channel.queueDeclare("jobs", true, false, false, Map.of("x-queue-type", "quorum"));
            channel.confirmSelect();
            channel.basicPublish("", "jobs", MessageProperties.PERSISTENT_TEXT_PLAIN,
                    "job 1".getBytes(StandardCharsets.UTF_8));
            channel.basicPublish("", "jobs", MessageProperties.PERSISTENT_TEXT_PLAIN,
                    "job 2".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
            GetResponse taken = channel.basicGet("jobs", false); // a worker holds job 1 when the JVM stops
            assertThat(new String(taken.getBody(), StandardCharsets.UTF_8)).isEqualTo("job 1");
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(store);
                Connection connection = connect(broker);
                Channel channel = connection.createChannel()) {
            AMQP.Queue.DeclareOk queue = channel.queueDeclarePassive("jobs");
            assertThat(queue.getMessageCount()).as("both messages kept across the restart").isEqualTo(2);
            GetResponse first = channel.basicGet("jobs", true);
            GetResponse second = channel.basicGet("jobs", true);
            // Qpid does not keep the redelivered flag across a restart: workers look for checkpoints regardless.
            assertThat(new String(first.getBody(), StandardCharsets.UTF_8)).as("the unacknowledged one is back")
                    .isEqualTo("job 1");
            assertThat(new String(second.getBody(), StandardCharsets.UTF_8)).isEqualTo("job 2");
        }
    }

    private static Connection connect(EmbeddedBroker broker) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(broker.port());
        factory.setUsername(broker.user());
        factory.setPassword(broker.password());
        return factory.newConnection();
    }
}
