package io.robustlab.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseIT {

    @TempDir
    Path home;

    @Test
    void theDataOutlivesARestartAndCommitsAreDurable() throws Exception {
        Path data = home.resolve("postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data)) {
            assertThat(database.created()).isTrue();
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
                    Statement sql = connection.createStatement()) {
                assertThat(setting(sql, "fsync")).isEqualTo("on");
                assertThat(setting(sql, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(sql, "full_page_writes")).isEqualTo("on");
                sql.execute("create table kept (value text)");
                sql.execute("insert into kept values ('job 1')");
            }
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data)) {
            assertThat(database.created()).as("the second start finds the first one's data").isFalse();
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
                    Statement sql = connection.createStatement();
                    ResultSet rows = sql.executeQuery("select value from kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("job 1");
            }
        }
    }

    @Test
    void aServerLeftRunningByAKilledJvmIsStoppedBeforeTheStart() throws Exception {
        Path data = home.resolve("postgres");
        // What SIGKILL leaves: a JVM gone, its PostgreSQL process still running and holding the data folder.
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanedServer.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(jvm.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals(OrphanedServer.READY)) {
                // PostgreSQL's start-up lines
            }
            assertThat(line).as("the server in the other JVM started").isEqualTo(OrphanedServer.READY);
            jvm.destroyForcibly().waitFor();
        }
        long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("PostgreSQL outlived its JVM")
                .contains(true);

        try (EmbeddedDatabase database = EmbeddedDatabase.start(data)) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("the orphaned server was stopped").isFalse();
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
                    Statement sql = connection.createStatement();
                    ResultSet rows = sql.executeQuery("select 1")) {
                assertThat(rows.next()).isTrue();
            }
        } finally {
            ProcessHandle.of(orphanPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Starts PostgreSQL on a data folder, says so, and waits to be killed. */
    public static final class OrphanedServer {

        static final String READY = "orphan-ready";

        public static void main(String[] args) throws Exception {
            EmbeddedPostgres.builder().setDataDirectory(Path.of(args[0])).setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false).start();
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void aPidFileNamingNoServerIsRemoved() throws Exception {
        Path data = home.resolve("postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data)) {
            assertThat(database.port()).isPositive();
        }
        // A pid that is no PostgreSQL: this test's own JVM.
        Files.writeString(data.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + data + "\n",
                StandardCharsets.US_ASCII);

        EmbeddedDatabase.stopStaleServer(data);

        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data)) {
            assertThat(database.created()).isFalse();
        }
    }

    private static String setting(Statement sql, String name) throws Exception {
        try (ResultSet rows = sql.executeQuery("show " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
