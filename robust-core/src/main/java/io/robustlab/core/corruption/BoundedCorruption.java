package io.robustlab.core.corruption;

import java.util.Objects;
import java.util.SplittableRandom;

/** What every corruption shares: checking the severity and the image, and clipping the result to [0,1]. */
abstract class BoundedCorruption implements Corruption {

    private final String name;
    private final boolean random;

    BoundedCorruption(String name, boolean random) {
        this.name = name;
        this.random = random;
    }

    /** Writes the corrupted {@code image} into {@code out}, before clipping (tests read the unclipped values). */
    abstract void corrupt(float[] image, float[] out, ImageShape shape, int severity, SplittableRandom random);

    /** The parameters at a checked severity. */
    abstract String describe(int severity);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean isRandom() {
        return random;
    }

    @Override
    public final String parameters(int severity) {
        return describe(Corruptions.requireSeverity(severity));
    }

    @Override
    public final float[] apply(float[] image, ImageShape shape, int severity, SplittableRandom random) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(random, "random");
        Corruptions.requireSeverity(severity);
        if (image.length != shape.size()) {
            throw new IllegalArgumentException("image holds " + image.length + " values, but shape " + shape
                    + " needs " + shape.size());
        }
        float[] out = new float[image.length];
        corrupt(image, out, shape, severity, random);
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(1f, Math.max(0f, out[i]));
        }
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
