package io.robustlab.core.train;

import java.util.SplittableRandom;

/**
 * Every random number of a run comes from a Java generator derived from the job's seed and a position: weight
 * initialisation from (seed), the shuffle of epoch e from (seed, e), attack random starts of batch b of epoch e
 * from (seed, e, b). Nothing depends on torch's global generator or on what ran before, so the same seed gives the
 * same run, and a run resumed after epoch e continues the exact streams knowing only e.
 */
public final class RandomStreams {

    private static final long INITIALIZATION = 1;
    private static final long SHUFFLE = 2;
    private static final long ATTACK = 3;

    private RandomStreams() {
    }

    public static SplittableRandom initialization(long seed) {
        return new SplittableRandom(derive(seed, INITIALIZATION));
    }

    public static SplittableRandom shuffle(long seed, int epoch) {
        return new SplittableRandom(derive(seed, SHUFFLE, epoch));
    }

    public static SplittableRandom attack(long seed, int epoch, int batch) {
        return new SplittableRandom(derive(seed, ATTACK, epoch, batch));
    }

    /** Mixes the seed and the path with SplitMix64's finaliser, so neighbouring paths give unrelated streams. */
    static long derive(long seed, long... path) {
        long state = mix(seed);
        for (long step : path) {
            state = mix(state ^ mix(step + 0x9E3779B97F4A7C15L));
        }
        return state;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
