package io.robustlab.api.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemArtifactStorageTest {

    @TempDir
    Path dir;

    @Test
    void readsAndSizesAKeyUnderTheRoot() throws IOException {
        Path root = dir.resolve("store");
        FilesystemArtifactStorage storage = new FilesystemArtifactStorage(root);
        write(root.resolve("jobs/j1/attempt-1/result.json"), "{\"ok\":true}");

        assertThat(storage.size("jobs/j1/attempt-1/result.json")).isEqualTo(11);
        try (InputStream in = storage.open("jobs/j1/attempt-1/result.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        }
        assertThatThrownBy(() -> storage.open("jobs/j1/attempt-1/missing.json"))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void refusesKeysThatLeaveTheRoot() throws IOException {
        Path root = dir.resolve("store");
        FilesystemArtifactStorage storage = new FilesystemArtifactStorage(root);
        write(dir.resolve("secret.txt"), "secret");

        for (String key : new String[] {"../secret.txt", "jobs/../../secret.txt", "/etc/passwd", dir + "/secret.txt",
                "jobs//x", "jobs/./x", "jobs\\..\\..\\secret.txt", "", " "}) {
            assertThatThrownBy(() -> storage.open(key)).as(key).isInstanceOf(InvalidArtifactKeyException.class);
            assertThatThrownBy(() -> storage.delete(key)).as(key).isInstanceOf(InvalidArtifactKeyException.class);
        }
        assertThat(dir.resolve("secret.txt")).exists();
    }

    @Test
    void refusesALinkThatLeadsOutOfTheRoot() throws IOException {
        Path root = dir.resolve("store");
        FilesystemArtifactStorage storage = new FilesystemArtifactStorage(root);
        write(dir.resolve("secret.txt"), "secret");
        Files.createDirectories(root.resolve("jobs"));
        Files.createSymbolicLink(root.resolve("jobs/link.txt"), dir.resolve("secret.txt"));

        assertThatThrownBy(() -> storage.open("jobs/link.txt")).isInstanceOf(InvalidArtifactKeyException.class);
        assertThatThrownBy(() -> storage.size("jobs/link.txt")).isInstanceOf(InvalidArtifactKeyException.class);
    }

    @Test
    void deleteRemovesTheFileAndTheDirectoriesItLeavesEmptyButNotTheRoot() throws IOException {
        Path root = dir.resolve("store");
        FilesystemArtifactStorage storage = new FilesystemArtifactStorage(root);
        write(root.resolve("jobs/j1/attempt-1/model/weights.npz"), "w");
        write(root.resolve("jobs/j1/attempt-1/result.json"), "r");
        write(root.resolve("jobs/j2/attempt-1/result.json"), "other job");

        assertThat(storage.delete("jobs/j1/attempt-1/model/weights.npz")).isTrue();
        assertThat(root.resolve("jobs/j1/attempt-1/model")).doesNotExist();
        assertThat(root.resolve("jobs/j1/attempt-1/result.json")).exists();
        assertThat(storage.delete("jobs/j1/attempt-1/result.json")).isTrue();
        assertThat(root.resolve("jobs/j1")).doesNotExist();
        assertThat(root.resolve("jobs/j2/attempt-1/result.json")).exists();
        assertThat(storage.delete("jobs/j1/attempt-1/result.json")).as("already gone").isFalse();
        assertThat(root).exists();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
