package io.robustlab.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttemptFilesTest {

    @TempDir
    Path temp;

    @Test
    void eachFileComesFromTheNewestAttemptThatStoredIt() throws Exception {
        FileSystemArtifactStore store = new FileSystemArtifactStore(temp.resolve("store"));
        Path file = Files.writeString(temp.resolve("f"), "x");
        for (String key : new String[] {"jobs/j1/attempt-1/checkpoints/epoch-0001/checkpoint.json",
                "jobs/j1/attempt-1/checkpoints/epoch-0002/checkpoint.json",
                "jobs/j1/attempt-2/checkpoints/epoch-0001/checkpoint.json",
                "jobs/j1/attempt-10/checkpoints/epoch-0002/parameters.ndlist",
                "jobs/j1/attempt-3/model-card.json",
                "jobs/j2/attempt-5/checkpoints/epoch-0009/checkpoint.json"}) {
            store.put(key, file, "application/octet-stream");
        }

        Map<String, AttemptFiles.Stored> files = AttemptFiles.newest(store, "j1", "checkpoints/");

        assertThat(files.keySet()).containsExactly("epoch-0001/checkpoint.json", "epoch-0002/checkpoint.json",
                "epoch-0002/parameters.ndlist");
        AttemptFiles.Stored epoch1 = files.get("epoch-0001/checkpoint.json");
        assertThat(epoch1.attempt()).isEqualTo(2);
        assertThat(epoch1.key()).isEqualTo("jobs/j1/attempt-2/checkpoints/epoch-0001/checkpoint.json");
        assertThat(epoch1.attemptFolder()).isEqualTo("jobs/j1/attempt-2/checkpoints/");
        assertThat(files.get("epoch-0002/checkpoint.json").attempt()).isEqualTo(1);
        assertThat(files.get("epoch-0002/parameters.ndlist").attempt()).as("10 is newer than 2, not older")
                .isEqualTo(10);
        assertThat(AttemptFiles.newest(store, "j3", "checkpoints/")).isEmpty();
    }
}
