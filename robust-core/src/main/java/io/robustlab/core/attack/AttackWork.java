package io.robustlab.core.attack;

/**
 * The forward+backward work the attacks really did, early exit included: one unit is one sample through one
 * gradient evaluation (a PGD/FGSM step, a DeepFool step over all its candidates, a DDN or Carlini-Wagner step).
 * Forward-only passes (noise draws, goal checks) are not counted. Also what early exit itself cost in the
 * fixed-budget gradient attacks (PGD, BIM, FGSM): the goal check after each step and the compaction of the batch
 * when samples leave it. Counted per thread, so evaluations running side by side in one JVM do not see each
 * other's work; an attack runs in its caller's thread.
 */
public final class AttackWork {

    private static final int PASSES = 0;
    private static final int CHECKS = 1;
    private static final int CHECK_NANOS = 2;
    private static final int COMPACTIONS = 3;
    private static final int COMPACTION_NANOS = 4;

    private static final ThreadLocal<long[]> COUNTS = ThreadLocal.withInitial(() -> new long[5]);

    private AttackWork() {
    }

    static void add(long samples) {
        COUNTS.get()[PASSES] += samples;
    }

    /** One goal check of an early-exiting step that took {@code nanos}; {@code compacted}: samples left the batch. */
    static void exitChecked(long nanos, boolean compacted) {
        long[] counts = COUNTS.get();
        counts[CHECKS]++;
        counts[CHECK_NANOS] += nanos;
        if (compacted) {
            counts[COMPACTIONS]++;
            counts[COMPACTION_NANOS] += nanos;
        }
    }

    /**
     * Sample passes (forward+backward) run by attacks in the calling thread since it started; the difference of
     * two readings is the work done in between.
     */
    public static long samplePasses() {
        return COUNTS.get()[PASSES];
    }

    /** Goal checks of early-exiting gradient attacks (one per step of a batch) in the calling thread. */
    public static long exitChecks() {
        return COUNTS.get()[CHECKS];
    }

    /** Nanoseconds the early-exit bookkeeping of gradient attacks took in the calling thread, compactions included. */
    public static long exitCheckNanos() {
        return COUNTS.get()[CHECK_NANOS];
    }

    /** How often samples left a gradient attack's batch early (each time the batch was compacted), in this thread. */
    public static long compactions() {
        return COUNTS.get()[COMPACTIONS];
    }

    /**
     * Nanoseconds the checks that compacted took in this thread: the goal check, the boolean-mask gathers of every
     * per-sample array, the leavers' rows written to the output and the gradient's rows gathered. (The ε-ball of
     * the rows that stay computes its bounds again at the next projection; that is not included.)
     */
    public static long compactionNanos() {
        return COUNTS.get()[COMPACTION_NANOS];
    }
}
