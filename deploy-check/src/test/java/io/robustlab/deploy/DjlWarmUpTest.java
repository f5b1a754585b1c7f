package io.robustlab.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up the worker images run at build time (docker/djl-warmup/DjlWarmUp.java), run here the way the
 * Dockerfile runs it — the source launcher, the workers' libraries on the class path, DJL offline — into an empty
 * DJL_CACHE_DIR: it must leave the CPU library there, and a second start must find it without writing anything
 * (the image's cache is then only read). About 10 s: two JVMs that load PyTorch.
 */
class DjlWarmUpTest {

    private static final Path WARM_UP = Repository.file("docker/djl-warmup/DjlWarmUp.java");

    @TempDir
    Path cache;

    @Test
    void putsTheCpuLibraryIntoTheCacheOfflineAndALaterStartOnlyReadsIt() throws Exception {
        Run first = warmUp(Map.of("DJL_CACHE_DIR", cache.toString(), "PYTORCH_FLAVOR", "cpu"));

        assertThat(first.exit).as(first.output).isZero();
        assertThat(first.output).contains("DjlWarmUp: PyTorch 2.7.1 ready in " + cache).contains("CUDA build: false");
        Map<String, String> files = snapshot(cache);
        assertThat(files.keySet()).anyMatch(name -> name.endsWith("/libtorch_cpu.so"))
                .anyMatch(name -> name.endsWith("libdjl_torch.so"));

        Run second = warmUp(Map.of("DJL_CACHE_DIR", cache.toString(), "PYTORCH_FLAVOR", "cpu"));

        assertThat(second.exit).as(second.output).isZero();
        assertThat(snapshot(cache)).as("files, sizes and modification times after a second start").isEqualTo(files);
    }

    @Test
    void refusesToRunWithoutACacheDirectory() throws Exception {
        Run run = warmUp(Map.of());

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.output).contains("set DJL_CACHE_DIR");
    }

    private record Run(int exit, String output) {
    }

    private static Run warmUp(Map<String, String> environment) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), WARM_UP.toString()))
                .redirectErrorStream(true);
        builder.environment().remove("DJL_CACHE_DIR");
        builder.environment().putAll(environment);
        builder.environment().put("OMP_DYNAMIC", "FALSE");
        builder.environment().put("MKL_DYNAMIC", "FALSE");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the warm-up did not end within 120 s");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Every file under the folder with its size and modification time. */
    private static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                files.put(folder.relativize(file).toString(), attributes.size() + " " + attributes.lastModifiedTime());
            }
        }
        return files;
    }
}
