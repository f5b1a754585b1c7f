package io.robustlab.core.attack;

/** When an attack stops working on a sample. */
public enum StopRule {

    /**
     * As soon as the sample reaches the goal: its first adversarial point is kept and it costs nothing more; a
     * sample that reaches the goal clean is returned unchanged. What robustness evaluation wants: a sample counts
     * as broken once any point the attack visits breaks it.
     */
    AT_GOAL,

    /**
     * Never: every sample runs every step from the same start, and the last iterate is returned, reached or not.
     * What adversarial training wants (Madry et al. ascend the loss on every sample).
     */
    NEVER
}
