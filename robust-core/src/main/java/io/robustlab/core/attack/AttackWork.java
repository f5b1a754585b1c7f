package io.robustlab.core.attack;

/**
 * The forward+backward work the attacks really did, early exit included: one unit is one sample through one
 * gradient evaluation (a PGD/FGSM step, a DeepFool step over all its candidates, a DDN or Carlini-Wagner step).
 * Forward-only passes (noise draws, goal checks) are not counted. Counted per thread, so evaluations running
 * side by side in one JVM do not see each other's work; an attack runs in its caller's thread.
 */
public final class AttackWork {

    private static final ThreadLocal<long[]> SAMPLE_PASSES = ThreadLocal.withInitial(() -> new long[1]);

    private AttackWork() {
    }

    static void add(long samples) {
        SAMPLE_PASSES.get()[0] += samples;
    }

    /**
     * Sample passes (forward+backward) run by attacks in the calling thread since it started; the difference of
     * two readings is the work done in between.
     */
    public static long samplePasses() {
        return SAMPLE_PASSES.get()[0];
    }
}
