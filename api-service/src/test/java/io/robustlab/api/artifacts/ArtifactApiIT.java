package io.robustlab.api.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.robustlab.api.testing.ApiClient.Response;
import io.robustlab.api.testing.ApiIntegrationTest;
import io.robustlab.api.testing.TestEnvironment;
import io.robustlab.artifacts.ArtifactStore;
import io.robustlab.artifacts.FileSystemArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class ArtifactApiIT extends ApiIntegrationTest {

    private static final int LARGE = 50 * 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ArtifactStore store;

    /** The test application's store is the filesystem one, in a folder of the test's. */
    private Path root() {
        return ((FileSystemArtifactStore) store).root();
    }

    @Test
    void listsAJobsArtifactsByNameWithTheirDownloadLinks() throws IOException {
        UUID job = finishedJob();
        store(job, "result.json", "{\"accuracy\": 0.9}".getBytes(StandardCharsets.UTF_8), "application/json");
        store(job, "model/weights v2.npz", new byte[] {1, 2, 3}, "application/octet-stream");

        Response response = api().get("/api/v1/jobs/" + job + "/artifacts");

        assertThat(response.status()).isEqualTo(200);
        JsonNode listed = response.json().get("artifacts");
        assertThat(listed).extracting(a -> a.get("name").asString()).containsExactly("model/weights v2.npz",
                "result.json");
        JsonNode weights = listed.get(0);
        assertThat(weights.get("sizeBytes").asLong()).isEqualTo(3);
        assertThat(weights.get("sha256").asString()).isEqualTo(sha256(new byte[] {1, 2, 3}));
        assertThat(weights.get("contentType").asString()).isEqualTo("application/octet-stream");
        assertThat(weights.get("createdAt").asString()).isNotBlank();
        assertThat(weights.get("download").asString())
                .isEqualTo("/api/v1/jobs/" + job + "/artifacts/model/weights%20v2.npz");
        Response download = api().get(weights.get("download").asString());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.raw().body()).containsExactly(1, 2, 3);
        assertThat(download.header("Content-Disposition")).contains("weights v2.npz").startsWith("attachment");

        assertThat(api().get("/api/v1/jobs/" + finishedJob() + "/artifacts").json().get("artifacts")).isEmpty();
    }

    @Test
    void aLargeArtifactIsStreamedWithItsLengthTypeAndChecksumWithoutBeingHeldInMemory() throws Exception {
        UUID job = finishedJob();
        String sha = storeRandom(job, "model/weights.npz", LARGE, 7);
        Optional<MemoryPoolMXBean> oldGeneration = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .filter(pool -> pool.getName().contains("Old Gen") || pool.getName().contains("Tenured"))
                .findFirst();
        boolean measurable = oldGeneration.isPresent() && detectsAnArrayOfTheFileSize(oldGeneration.get());

        oldGeneration.ifPresent(MemoryPoolMXBean::resetPeakUsage);
        long usedBefore = oldGeneration.map(pool -> pool.getUsage().getUsed()).orElse(0L);
        HttpResponse<InputStream> response = HTTP.send(
                api().request("/api/v1/jobs/" + job + "/artifacts/model/weights.npz").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long received = 0;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                received += n;
            }
        }
        long grown = oldGeneration.map(pool -> pool.getPeakUsage().getUsed() - usedBefore).orElse(0L);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(LARGE));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-npz");
        assertThat(response.headers().firstValue("ETag")).hasValue("\"" + sha + "\"");
        assertThat(received).isEqualTo(LARGE);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(sha);
        if (!measurable) {
            String why = "length and SHA-256 checked, heap growth not: this JVM's garbage collector does not show "
                    + "a file-sized array in a heap pool (G1 does)";
            if (TestEnvironment.ci()) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        assertThat(grown).as("old generation growth while serving %d bytes", LARGE).isLessThan(LARGE / 2);
    }

    @Test
    void aByteRangeIsServedAndAnUnsatisfiableOneIsA416Problem() throws IOException {
        UUID job = finishedJob();
        byte[] bytes = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        store(job, "result.json", bytes, "application/json");
        String path = "/api/v1/jobs/" + job + "/artifacts/result.json";

        Response part = api().send(api().request(path).header("Range", "bytes=10-14").GET());
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.text()).isEqualTo("abcde");
        assertThat(part.header("Content-Range")).isEqualTo("bytes 10-14/20");
        Response tail = api().send(api().request(path).header("Range", "bytes=-3").GET());
        assertThat(tail.text()).isEqualTo("hij");

        Response beyond = api().send(api().request(path).header("Range", "bytes=40-50").GET());
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.contentType()).startsWith("application/problem+json");
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */20");
        assertThat(beyond.json().get("type").asString()).endsWith("/range-not-satisfiable");

        String etag = api().get(path).header("ETag");
        assertThat(etag).isEqualTo("\"" + sha256(bytes) + "\"");
        Response unchanged = api().send(api().request(path).header("If-None-Match", etag).GET());
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.raw().body()).isEmpty();
    }

    @Test
    void aStoreKeyThatEscapesTheRootIsRefusedAndMissingBytesAreA404() throws IOException {
        UUID job = finishedJob();
        Path outside = root().getParent().resolve("outside-" + UUID.randomUUID() + ".txt");
        Files.writeString(outside, "not an artifact");
        try {
            record(job, "escape.txt", "../" + outside.getFileName(), 15, sha256("not an artifact".getBytes()),
                    "text/plain");
            Response refused = api().get("/api/v1/jobs/" + job + "/artifacts/escape.txt");
            assertThat(refused.status()).isEqualTo(500);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.text()).doesNotContain("not an artifact").doesNotContain(outside.toString());
        } finally {
            Files.deleteIfExists(outside);
        }

        record(job, "gone.bin", "jobs/" + job + "/attempt-1/gone.bin", 10, "00", "application/octet-stream");
        Response missing = api().get("/api/v1/jobs/" + job + "/artifacts/gone.bin");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).contains("no longer in the artifact store");
        assertThat(api().get("/api/v1/jobs/" + job + "/artifacts/never-recorded.bin").status()).isEqualTo(404);
        assertThat(api().get("/api/v1/jobs/" + UUID.randomUUID() + "/artifacts/result.json").status())
                .isEqualTo(404);
    }

    @Test
    void deletingAJobDeletesItsArtifactFiles() throws IOException {
        UUID job = finishedJob();
        Path result = store(job, "result.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        Path weights = store(job, "model/weights.npz", new byte[] {9}, "application/octet-stream");
        UUID other = finishedJob();
        Path kept = store(other, "result.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        Path checkpoint = root().resolve("jobs/" + job + "/attempt-1/checkpoints/epoch-1.zip");
        Files.createDirectories(checkpoint.getParent());
        Files.write(checkpoint, new byte[] {1});

        assertThat(api().delete("/api/v1/jobs/" + job).status()).isEqualTo(204);

        assertThat(result).doesNotExist();
        assertThat(weights).doesNotExist();
        assertThat(checkpoint).as("files never reported as artifacts, under the job's folder").doesNotExist();
        assertThat(root().resolve("jobs/" + job)).as("its emptied folders too").doesNotExist();
        assertThat(kept).exists();
    }

    /** Whether the old generation's peak shows an array as large as the file (G1: a humongous allocation). */
    private static boolean detectsAnArrayOfTheFileSize(MemoryPoolMXBean pool) {
        pool.resetPeakUsage();
        long before = pool.getUsage().getUsed();
        byte[] probe = new byte[LARGE];
        long grown = pool.getPeakUsage().getUsed() - before;
        Reference.reachabilityFence(probe);
        return grown >= LARGE * 0.9;
    }

    private UUID finishedJob() {
        String spec = """
                {"apiVersion": "robustlab/v1", "kind": "Train", "metadata": {"name": "artifacts"},
                 "dataset": {"name": "fashion-mnist"}, "model": {"architecture": "mlp", "hidden": [4]}, "seed": %d}
                """.formatted(System.nanoTime() % 1_000_000);
        UUID job = UUID.fromString(api().post("/api/v1/jobs", spec).json().get("id").asString());
        assertThat(api().post("/api/v1/jobs/" + job + "/cancel", "").status()).isEqualTo(200);
        return job;
    }

    /** Stores a file as a worker would: under a key of plain characters, whatever the artifact's name. */
    private Path store(UUID job, String name, byte[] bytes, String contentType) throws IOException {
        String key = "jobs/" + job + "/attempt-1/" + name.replace(' ', '-');
        Path file = root().resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        record(job, name, key, bytes.length, sha256(bytes), contentType);
        return file;
    }

    /** Writes {@code size} random bytes a chunk at a time; returns their SHA-256. */
    private String storeRandom(UUID job, String name, int size, long seed) throws Exception {
        String key = "jobs/" + job + "/attempt-1/" + name;
        Path file = root().resolve(key);
        Files.createDirectories(file.getParent());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(seed);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                digest.update(chunk);
                out.write(chunk);
            }
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        record(job, name, key, size, sha, "application/x-npz");
        return sha;
    }

    private void record(UUID job, String name, String key, long size, String sha, String contentType) {
        jdbc.sql("""
                insert into artifact (job_id, name, store_key, size_bytes, sha256, content_type, attempt, created_at)
                values (?, ?, ?, ?, ?, ?, 1, now())""").params(job, name, key, size, sha, contentType).update();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
