package io.robustlab.core.corruption;

import io.robustlab.core.data.ExampleSet;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The catalogue of corruptions by name, after Hendrycks and Dietterich (2019), "Benchmarking Neural Network
 * Robustness to Common Corruptions and Perturbations" (ICLR 2019), and Mu and Gilmer (2019), "MNIST-C: A
 * Robustness Benchmark for Computer Vision". The robust-core README lists every parameter and its source.
 */
public final class Corruptions {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private static final Map<String, Corruption> BY_NAME = catalogue(
            new GaussianNoise(), new ShotNoise(), new ImpulseNoise(), new SpeckleNoise(),
            new GaussianBlur(), new DefocusBlur(), new MotionBlur(), new ZoomBlur(),
            new Pixelate(), new JpegCompression(), new Contrast(), new Brightness(), new ElasticTransform());

    /** The names {@link #named} knows, in the catalogue's order. */
    public static final List<String> NAMES = List.copyOf(BY_NAME.keySet());

    private Corruptions() {
    }

    /**
     * The corruption called {@code name}.
     *
     * @throws IllegalArgumentException no corruption has that name (the message lists the known names)
     */
    public static Corruption named(String name) {
        Corruption corruption = name == null ? null : BY_NAME.get(name);
        if (corruption == null) {
            throw new IllegalArgumentException("unknown corruption '" + name + "'; known: " + String.join(", ", NAMES));
        }
        return corruption;
    }

    /** Every corruption, in the catalogue's order. */
    public static List<Corruption> all() {
        return List.copyOf(BY_NAME.values());
    }

    /**
     * {@code severity}, checked.
     *
     * @throws IllegalArgumentException it is outside 1–5
     */
    public static int requireSeverity(int severity) {
        if (severity < Corruption.MIN_SEVERITY || severity > Corruption.MAX_SEVERITY) {
            throw new IllegalArgumentException("severity must be " + Corruption.MIN_SEVERITY + " to "
                    + Corruption.MAX_SEVERITY + ", was " + severity);
        }
        return severity;
    }

    /**
     * The random stream of one example: a function of (seed, corruption name, severity, example index) alone,
     * so that a corrupted example never depends on batch size or thread order.
     */
    public static SplittableRandom exampleRandom(long seed, String corruption, int severity, long exampleIndex) {
        long h = mix(seed + GOLDEN_GAMMA);
        h = mix(h ^ fnv1a(corruption));
        h = mix(h ^ (severity * GOLDEN_GAMMA));
        h = mix(h ^ (exampleIndex + GOLDEN_GAMMA));
        return new SplittableRandom(h);
    }

    static ExampleSet applyToAll(Corruption corruption, ExampleSet examples, int severity, long seed, long firstIndex) {
        Objects.requireNonNull(examples, "examples");
        requireSeverity(severity);
        ImageShape shape = ImageShape.of(examples.exampleShape());
        int d = shape.size();
        float[] source = examples.features();
        float[] corrupted = new float[source.length];
        // each example owns its random stream, so the parallel order cannot change the result
        IntStream.range(0, examples.size()).parallel().forEach(i -> {
            float[] image = new float[d];
            System.arraycopy(source, i * d, image, 0, d);
            float[] out = corruption.apply(image, shape, severity, seed, firstIndex + i);
            System.arraycopy(out, 0, corrupted, i * d, d);
        });
        return new ExampleSet(corrupted, examples.labels().clone(), examples.exampleShape(), examples.classes());
    }

    /** Stafford's variant 13 of the SplitMix64 finalizer: a bijection that spreads every input bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long fnv1a(String text) {
        long h = 0xCBF29CE484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return h;
    }

    private static Map<String, Corruption> catalogue(Corruption... corruptions) {
        Map<String, Corruption> byName = new LinkedHashMap<>();
        for (Corruption corruption : corruptions) {
            byName.put(corruption.name(), corruption);
        }
        return byName;
    }
}
