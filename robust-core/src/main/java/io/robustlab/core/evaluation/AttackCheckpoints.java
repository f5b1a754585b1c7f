package io.robustlab.core.evaluation;

import io.robustlab.contracts.spec.AttackSpec;
import java.util.Optional;

/**
 * Where an evaluation keeps the outcome of each attack it finishes, so that a run stopped in the middle (a worker
 * shut down or killed) and started again does not run those attacks again. An attack's outcome does not depend on
 * the attacks before it (its random streams derive from the seed and its own index only), so a resumed run's result
 * equals an uninterrupted run's; see {@link EvaluationRun}.
 *
 * <p>{@code evaluation} identifies the run's inputs (the spec's hash with defaults, the samples' count and
 * digest, the options): an implementation must not hand back an outcome kept under another one.
 */
public interface AttackCheckpoints {

    /** Keeps nothing: every run starts from the first attack. */
    AttackCheckpoints NONE = new AttackCheckpoints() {
        @Override
        public Optional<AttackOutcome> finished(String evaluation, int index, AttackSpec attack) {
            return Optional.empty();
        }

        @Override
        public void attackFinished(String evaluation, int index, AttackSpec attack, AttackOutcome outcome) {
        }
    };

    /**
     * The outcome kept for the spec's attack number {@code index}, if that attack finished in an earlier run.
     *
     * @throws IllegalStateException a checkpoint is there for this index but was kept by another evaluation
     *                               (another spec, other samples or options): it must not be mixed into this one
     */
    Optional<AttackOutcome> finished(String evaluation, int index, AttackSpec attack);

    /** Keeps the outcome of attack number {@code index}, just finished; called before the next attack starts. */
    void attackFinished(String evaluation, int index, AttackSpec attack, AttackOutcome outcome);
}
