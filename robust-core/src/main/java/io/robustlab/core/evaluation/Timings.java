package io.robustlab.core.evaluation;

import java.util.List;

/**
 * Where the time went.
 *
 * @param cleanSeconds        the clean pass and the input-gradient check
 * @param attacks             per attack curve
 * @param corruptionSeconds   the corruption table
 * @param weightNoiseSeconds  the weight-noise table
 * @param totalSeconds        the whole run
 * @param attackPassesPerSample forward+backward passes of all attacks per evaluated sample, by the specs (see
 *                            {@link AttackCost#attackPasses()})
 * @param measuredPassesPerSample forward+backward passes the attacks really ran per evaluated sample (see
 *                            {@link AttackCost#measuredPasses()})
 * @param nestedReuse         whether samples broken at a smaller epsilon were skipped at the larger ones
 * @param earlyExit           whether fixed-budget attacks stopped working on a sample once it was fooled
 * @param resumedAttacks      the curves of the attacks this run took from {@link AttackCheckpoints} instead of
 *                            running them (an earlier run of the same evaluation finished them); their entries in
 *                            {@code attacks} are as that run measured them, while {@code totalSeconds} is this run's
 *                            only. Empty for a run that ran every attack
 */
public record Timings(double cleanSeconds, List<AttackCost> attacks, double corruptionSeconds,
        double weightNoiseSeconds, double totalSeconds, double attackPassesPerSample,
        double measuredPassesPerSample, boolean nestedReuse, boolean earlyExit, List<String> resumedAttacks) {
}
