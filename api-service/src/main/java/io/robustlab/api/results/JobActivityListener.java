package io.robustlab.api.results;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hears, on one dedicated PostgreSQL connection ({@code LISTEN robustlab_job_activity}), that a job got a status
 * change or a worker event — written by whichever API replica applied it (triggers of migration V4) — and wakes
 * this replica's streams of that job. While the connection is down, streams still see everything through their slow
 * poll; after a reconnect every stream looks at once.
 */
@Component
class JobActivityListener implements SmartLifecycle {

    static final String CHANNEL = "robustlab_job_activity";

    private static final Logger log = LoggerFactory.getLogger(JobActivityListener.class);
    private static final int WAIT_MILLIS = 1000;
    /** A connection silent this long is checked: a half-open connection would otherwise wait forever. */
    private static final Duration CHECK_AFTER = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final JdbcConnectionDetails database;
    private final LiveEvents events;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;

    JobActivityListener(JdbcConnectionDetails database, LiveEvents events) {
        this.database = database;
        this.events = events;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("job-activity-listener").daemon().start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        Thread listening = thread;
        if (listening != null) {
            listening.interrupt();
            closeQuietly(connection);
            try {
                listening.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        Duration backoff = Duration.ofSeconds(1);
        boolean failing = false;
        while (running) {
            try (Connection listening = connect()) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (failing) {
                    log.info("listening for job activity again");
                }
                failing = false;
                backoff = Duration.ofSeconds(1);
                // What happened while nobody listened.
                events.wakeAll();
                receive(listening.unwrap(PGConnection.class), listening);
            } catch (SQLException e) {
                if (!running) {
                    break;
                }
                if (!failing) {
                    log.warn("not listening for job activity ({}); live streams poll until it is back",
                            e.getMessage());
                }
                failing = true;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
            } finally {
                connection = null;
            }
        }
    }

    private void receive(PGConnection notifications, Connection listening) throws SQLException {
        long quietSince = System.nanoTime();
        while (running) {
            PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
            if (received != null && received.length > 0) {
                quietSince = System.nanoTime();
                for (PGNotification notification : received) {
                    wake(notification.getParameter());
                }
            } else if (System.nanoTime() - quietSince > CHECK_AFTER.toNanos()) {
                if (!listening.isValid(5)) {
                    throw new SQLException("the listening connection stopped answering");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private void wake(String jobId) {
        try {
            events.wake(UUID.fromString(jobId));
        } catch (IllegalArgumentException e) {
            log.debug("ignored a notification that names no job: {}", jobId);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (database.getUsername() != null) {
            properties.setProperty("user", database.getUsername());
        }
        if (database.getPassword() != null) {
            properties.setProperty("password", database.getPassword());
        }
        properties.setProperty("ApplicationName", "robustlab-api job activity listener");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(database.getJdbcUrl(), properties);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                // shutting down
            }
        }
    }
}
