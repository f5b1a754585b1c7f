package io.robustlab.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The artifact store root of this JVM's integration tests: a temporary directory, removed when the JVM ends. */
public final class TestArtifactStore {

    private static Path root;

    private TestArtifactStore() {
    }

    public static synchronized Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("robustlab-it-artifacts-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path created = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(created)));
        }
        return root;
    }

    private static void delete(Path tree) {
        try (Stream<Path> paths = Files.walk(tree)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // the JVM is ending; a temporary directory left behind is harmless
        }
    }
}
