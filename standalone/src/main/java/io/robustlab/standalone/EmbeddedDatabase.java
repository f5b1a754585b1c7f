package io.robustlab.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from zonky's Maven jars, its data folder kept between runs, durable (zonky's defaults turn
 * {@code fsync} and {@code synchronous_commit} off; here they are on: a committed job survives a power cut). A server
 * left running by a JVM that was killed (SIGKILL leaves PostgreSQL's own process alive, holding
 * {@code postmaster.pid}) is stopped first.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String DATABASE = "robustlab";
    private static final Duration STALE_SERVER_STOP = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final boolean created;

    private EmbeddedDatabase(EmbeddedPostgres postgres, boolean created) {
        this.postgres = postgres;
        this.created = created;
    }

    static EmbeddedDatabase start(Path dataDirectory) throws IOException {
        boolean fresh = !Files.exists(dataDirectory.resolve("PG_VERSION"));
        stopStaleServer(dataDirectory);
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // Standalone stops the server itself, after the services that use it.
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, fresh);
        try {
            database.createDatabaseIfMissing();
        } catch (SQLException e) {
            database.close();
            throw new IOException("cannot create the database " + DATABASE + ": " + e.getMessage(), e);
        }
        return database;
    }

    /** Whether this start created the data folder (a first start). */
    boolean created() {
        return created;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    int port() {
        return postgres.getPort();
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = connection.prepareStatement(
                        "select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + DATABASE);
            }
        }
    }

    /**
     * A {@code postmaster.pid} naming a live PostgreSQL process: the server of a JVM that died without stopping it.
     * It holds the data folder, so it is asked to stop (SIGTERM: PostgreSQL's smart shutdown; its clients are gone)
     * and killed if it does not. A file naming no live process is stale and removed.
     */
    static void stopStaleServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get())
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (process.isEmpty()) {
            log.info("removing the stale {} (process {} is gone)", pidFile, pid.get());
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("PostgreSQL {} of an earlier run still holds {}; stopping it", pid.get(), dataDirectory);
        ProcessHandle server = process.get();
        server.destroy();
        try {
            server.onExit().get(STALE_SERVER_STOP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            log.warn("PostgreSQL {} did not stop within {}; killing it", pid.get(), STALE_SERVER_STOP);
            server.destroyForcibly();
            server.onExit().join();
            Files.deleteIfExists(pidFile);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("waiting for PostgreSQL " + pid.get() + " to stop failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL " + pid.get(), e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
