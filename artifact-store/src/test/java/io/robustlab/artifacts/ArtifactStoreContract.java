package io.robustlab.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every artifact store must do; each implementation's test runs it. */
abstract class ArtifactStoreContract {

    @TempDir
    Path scratch;

    abstract ArtifactStore store();

    @Test
    void aStoredFileReadsBackWithItsSizeAndSha256() throws Exception {
        byte[] bytes = new byte[300_001];
        new Random(1).nextBytes(bytes);
        Path file = Files.write(scratch.resolve("weights.npz"), bytes);

        StoredArtifact stored = store().put("jobs/j1/attempt-1/model/weights.npz", file, "application/octet-stream");

        assertThat(stored.sizeBytes()).isEqualTo(bytes.length);
        assertThat(stored.sha256()).isEqualTo(Sha256.of(file));
        try (InputStream in = store().open("jobs/j1/attempt-1/model/weights.npz")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        try (InputStream in = store().open("jobs/j1/attempt-1/model/weights.npz", 300_000)) {
            assertThat(in.readAllBytes()).containsExactly(bytes[300_000]);
        }
        assertThat(store().size("jobs/j1/attempt-1/model/weights.npz")).contains((long) bytes.length);
    }

    @Test
    void aPutReplacesWhatWasThere() throws Exception {
        store().put("jobs/j2/result.json", Files.writeString(scratch.resolve("a"), "first"), "application/json");
        store().put("jobs/j2/result.json", Files.writeString(scratch.resolve("b"), "second"), "application/json");
        try (InputStream in = store().open("jobs/j2/result.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
        }
    }

    @Test
    void listsDownloadsAndDeletesByPrefix() throws Exception {
        Path file = Files.writeString(scratch.resolve("f"), "x");
        store().put("jobs/j3/attempt-1/model/model.json", file, "application/json");
        store().put("jobs/j3/attempt-1/model/weights.npz", file, "application/octet-stream");
        store().put("jobs/j3/attempt-1/result.json", file, "application/json");
        store().put("jobs/j30/attempt-1/result.json", file, "application/json");

        assertThat(store().list("jobs/j3/")).containsExactly("jobs/j3/attempt-1/model/model.json",
                "jobs/j3/attempt-1/model/weights.npz", "jobs/j3/attempt-1/result.json");
        Path model = scratch.resolve("model");
        assertThat(store().download("jobs/j3/attempt-1/model/", model)).isEqualTo(2);
        assertThat(model.resolve("weights.npz")).hasContent("x");

        store().deletePrefix("jobs/j3/");
        assertThat(store().list("jobs/j3/")).isEmpty();
        assertThat(store().list("jobs/j30/")).hasSize(1);
        store().delete("jobs/j30/attempt-1/result.json");
        store().delete("jobs/j30/attempt-1/result.json");
        assertThat(store().size("jobs/j30/attempt-1/result.json")).isEmpty();
    }

    @Test
    void aMissingKeyIsNotFoundAndABadKeyIsRefused() {
        assertThatThrownBy(() -> store().open("jobs/none/result.json")).isInstanceOf(ArtifactNotFoundException.class);
        Path file = scratch.resolve("missing-is-fine");
        for (String bad : new String[] {"../etc/passwd", "/abs", "jobs/../../x", "jobs//x", "jobs/x y", ""}) {
            assertThatThrownBy(() -> store().put(bad, file, "text/plain")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store().open(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
