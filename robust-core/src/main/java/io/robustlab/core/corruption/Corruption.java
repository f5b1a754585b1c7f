package io.robustlab.core.corruption;

import io.robustlab.core.data.ExampleSet;
import java.util.SplittableRandom;

/**
 * One natural corruption of images in [0,1] at severities {@value #MIN_SEVERITY} to {@value #MAX_SEVERITY}:
 * the output has the input's shape and stays in [0,1]. Instances are stateless and thread-safe; get them
 * from {@link Corruptions#named(String)}.
 */
public interface Corruption {

    int MIN_SEVERITY = 1;
    int MAX_SEVERITY = 5;

    /** The catalogue name, e.g. {@code gaussian-noise}. */
    String name();

    /** Whether the output depends on the random stream (noise, motion-blur angle, elastic fields). */
    boolean isRandom();

    /** The published parameters used at this severity, e.g. {@code sigma=0.08}. */
    String parameters(int severity);

    /**
     * A corrupted copy of one image; {@code image} is not changed.
     *
     * @throws IllegalArgumentException the severity is outside 1–5 or {@code image} does not hold {@code shape}
     */
    float[] apply(float[] image, ImageShape shape, int severity, SplittableRandom random);

    /** Example {@code exampleIndex} corrupted as {@link #apply(ExampleSet, int, long)} corrupts it. */
    default float[] apply(float[] image, ImageShape shape, int severity, long seed, long exampleIndex) {
        return apply(image, shape, severity, Corruptions.exampleRandom(seed, name(), severity, exampleIndex));
    }

    /**
     * Every example corrupted at {@code severity}, labels kept; example {@code i} draws its randomness from
     * {@code (seed, name(), severity, i)}, so the result is the same however the work is split or scheduled.
     */
    default ExampleSet apply(ExampleSet examples, int severity, long seed) {
        return apply(examples, severity, seed, 0);
    }

    /**
     * As {@link #apply(ExampleSet, int, long)} for a batch cut from a larger set: its example {@code i} is
     * example {@code firstIndex + i} of that set, and is corrupted exactly as it would be there.
     */
    default ExampleSet apply(ExampleSet examples, int severity, long seed, long firstIndex) {
        return Corruptions.applyToAll(this, examples, severity, seed, firstIndex);
    }
}
