package io.robustlab.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.artifacts.ArtifactStoreSettings;
import io.robustlab.artifacts.FileSystemArtifactStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ArtifactStoreSettingsBindingTest {

    @TempDir
    Path temp;

    private static ArtifactStoreSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("robustlab.artifacts", ArtifactStoreSettings.class);
    }

    @Test
    void theFilesystemStoreIsTheDefaultAndUsesTheConfiguredRoot() throws Exception {
        ArtifactStoreSettings properties = bind(Map.of("robustlab.artifacts.root", temp.toString()));

        assertThat(properties.store()).isEqualTo(ArtifactStoreSettings.Store.FILESYSTEM);
        assertThat(properties.open()).isInstanceOfSatisfying(FileSystemArtifactStore.class,
                store -> assertThat(store.root()).isEqualTo(temp));
    }

    @Test
    void withoutARootTheStoreIsInTheUsersHome() {
        assertThat(bind(Map.of()).root()).isEqualTo(Path.of(System.getProperty("user.home"), ".robustlab",
                "artifacts"));
    }

    @Test
    void s3SettingsBindFromTheNamesTheApiUses() {
        ArtifactStoreSettings properties = bind(Map.of("robustlab.artifacts.store", "s3",
                "robustlab.artifacts.s3.endpoint", "http://minio:9000",
                "robustlab.artifacts.s3.access-key", "key", "robustlab.artifacts.s3.create-bucket", "true"));

        assertThat(properties.store()).isEqualTo(ArtifactStoreSettings.Store.S3);
        assertThat(properties.s3().endpoint()).hasToString("http://minio:9000");
        assertThat(properties.s3().bucket()).isEqualTo("robustlab-artifacts");
        assertThat(properties.s3().region()).isEqualTo("us-east-1");
        assertThat(properties.s3().pathStyle()).isTrue();
        assertThat(properties.s3().createBucket()).isTrue();
    }
}
