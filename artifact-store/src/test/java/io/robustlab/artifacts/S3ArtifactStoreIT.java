package io.robustlab.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The S3 store against s3proxy, a real S3-compatible server (filesystem-backed, AWS v2/v4 signatures), started as
 * its own process from the jar Maven copies into {@code target/s3proxy}.
 */
class S3ArtifactStoreIT extends ArtifactStoreContract {

    private static Process server;
    private static S3ArtifactStore store;
    private static URI endpoint;

    @BeforeAll
    static void startServer() throws Exception {
        Path jar = Path.of("target", "s3proxy", "s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run through Maven (verify), which "
                    + "copies it in pre-integration-test");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path base = Files.createTempDirectory("s3proxy-");
        Path properties = Files.writeString(base.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=robustlab",
                "s3proxy.credential=robustlab-secret",
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + base.resolve("data"),
                ""));
        Files.createDirectories(base.resolve("data"));
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(base.resolve("s3proxy.log").toFile()).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!listening(port)) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start; see " + base.resolve("s3proxy.log"));
            }
            Thread.sleep(200);
        }
        endpoint = URI.create("http://127.0.0.1:" + port);
        store = S3ArtifactStore.connect(new S3Settings(endpoint, "us-east-1", "robustlab-" + UUID.randomUUID(),
                "robustlab", "robustlab-secret", true, true));
    }

    @AfterAll
    static void stopServer() {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Override
    ArtifactStore store() {
        return store;
    }

    @Test
    void wrongCredentialsAreRefused() {
        try (S3ArtifactStore intruder = S3ArtifactStore.connect(new S3Settings(endpoint, "us-east-1", "robustlab-x",
                "robustlab", "wrong-secret", true, false))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> intruder.list(""))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void connectingTwiceToAnExistingBucketIsFine() {
        S3ArtifactStore again = S3ArtifactStore.connect(new S3Settings(endpoint, "us-east-1", "robustlab-twice",
                "robustlab", "robustlab-secret", true, true));
        again.createBucketIfMissing();
        assertThat(again).isNotNull();
        again.close();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
