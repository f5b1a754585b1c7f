package io.robustlab.api.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL the integration tests of this JVM use: a fresh database on the configured server
 * ({@code ROBUSTLAB_TEST_DB_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/postgres}), dropped when the JVM
 * ends; where that server is not reachable, an embedded PostgreSQL (real binaries from Maven), unless
 * {@code CI=true}, where a missing server fails the run.
 */
public final class TestDatabase {

    private static TestDatabase instance;

    private final String url;
    private final String user;
    private final String description;

    private TestDatabase(String url, String user, String description) {
        this.url = url;
        this.user = user;
        this.description = description;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    /** Which PostgreSQL this is, for test logs. */
    public String description() {
        return description;
    }

    private static TestDatabase start() {
        String adminUrl = System.getenv().getOrDefault("ROBUSTLAB_TEST_DB_URL",
                "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = System.getenv().getOrDefault("ROBUSTLAB_TEST_DB_USER", "postgres");
        if (reachable(adminUrl)) {
            String name = "robustlab_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            execute(adminUrl, user, "create database " + name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> execute(adminUrl, user,
                    "drop database if exists " + name + " with (force)")));
            String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
            return new TestDatabase(url, user, "PostgreSQL at " + adminUrl + ", database " + name);
        }
        if (TestEnvironment.ci()) {
            throw new IllegalStateException("CI=true and no PostgreSQL at " + adminUrl
                    + ": start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException e) {
                    // the JVM is ending; the server's temporary directory goes with it
                }
            }));
            return new TestDatabase(embedded.getJdbcUrl("postgres", "postgres"), "postgres",
                    "embedded PostgreSQL (no server at " + adminUrl + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL at " + adminUrl + " and the embedded one did not start", e);
        }
    }

    private static boolean reachable(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void execute(String url, String user, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }
}
