package io.robustlab.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemArtifactStoreTest extends ArtifactStoreContract {

    @TempDir
    Path root;

    private FileSystemArtifactStore store;

    @BeforeEach
    void open() throws IOException {
        store = new FileSystemArtifactStore(root);
    }

    @Override
    ArtifactStore store() {
        return store;
    }

    @Test
    void aPutLeavesNoTemporaryFileAndDeletingLeavesNoEmptyDirectories() throws IOException {
        store.put("jobs/j/attempt-1/result.json", Files.writeString(scratch.resolve("r"), "{}"), "application/json");
        try (var incoming = Files.list(root.resolve(".incoming"))) {
            assertThat(incoming).isEmpty();
        }
        store.delete("jobs/j/attempt-1/result.json");
        assertThat(root.resolve("jobs")).doesNotExist();
    }

    @Test
    void aSymbolicLinkOutOfTheRootIsRefused() throws IOException {
        Path secret = Files.writeString(scratch.resolve("secret.txt"), "secret");
        Files.createDirectories(root.resolve("jobs"));
        Files.createSymbolicLink(root.resolve("jobs/link.txt"), secret);
        assertThatThrownBy(() -> store.open("jobs/link.txt")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.size("jobs/link.txt")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedPutLeavesThePreviousFile() throws IOException {
        store.put("jobs/j/result.json", Files.writeString(scratch.resolve("r"), "old"), "application/json");
        try {
            store.put("jobs/j/result.json", scratch.resolve("does-not-exist"), "application/json");
        } catch (IOException expected) {
            // the source is missing: nothing may change
        }
        assertThat(root.resolve("jobs/j/result.json")).hasContent("old");
        try (var incoming = Files.list(root.resolve(".incoming"))) {
            assertThat(incoming).isEmpty();
        }
    }
}
