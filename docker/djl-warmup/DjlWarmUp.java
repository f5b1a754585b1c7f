import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Puts the native PyTorch library into {@code DJL_CACHE_DIR} at image build time, so that a worker container
 * starts offline with the library already in place. Run with the worker's libraries on the class path:
 * {@code java --enable-native-access=ALL-UNNAMED -cp 'app/lib/*' DjlWarmUp.java}.
 *
 * <p>CPU flavour: the library comes from the {@code pytorch-native-cpu} jar and is loaded and used once.
 * A CUDA flavour ({@code PYTORCH_FLAVOR=cu128}): no such jar is on Maven Central for PyTorch 2.7.1, so DJL fetches
 * the library itself (run with {@code -Dai.djl.offline=false}); a build machine has no GPU driver, so when loading
 * fails after the files arrived, the warm-up reports it and still succeeds.
 */
public class DjlWarmUp {

    public static void main(String[] args) throws IOException {
        String cache = System.getenv("DJL_CACHE_DIR");
        if (cache == null || cache.isBlank()) {
            System.err.println("DjlWarmUp: set DJL_CACHE_DIR to the folder the image keeps the library in");
            System.exit(2);
        }
        String flavor = System.getenv().getOrDefault("PYTORCH_FLAVOR", "cpu");
        try {
            Engine engine = Engine.getEngine("PyTorch");
            try (NDManager manager = engine.newBaseManager()) {
                float sum = manager.ones(new Shape(2, 3)).sum().getFloat();
                if (sum != 6f) {
                    throw new IllegalStateException("PyTorch computed 1+1+1+1+1+1 = " + sum);
                }
            }
            System.out.println("DjlWarmUp: PyTorch " + engine.getVersion() + " ready in " + cache + " (CUDA build: "
                    + engine.hasCapability(StandardCapabilities.CUDA) + ")");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            if (!flavor.startsWith("cu") || !hasLibTorch(Path.of(cache))) {
                throw e;
            }
            System.out.println("DjlWarmUp: the " + flavor + " library is in " + cache
                    + " but could not be loaded here (no GPU driver at build time): " + e);
        }
    }

    private static boolean hasLibTorch(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(cache)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith("libtorch"));
        }
    }
}
