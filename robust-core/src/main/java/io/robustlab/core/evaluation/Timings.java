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
 * @param attackPassesPerSample forward+backward passes of all attacks per evaluated sample (see {@link AttackCost})
 * @param nestedReuse         whether samples broken at a smaller epsilon were skipped at the larger ones
 */
public record Timings(double cleanSeconds, List<AttackCost> attacks, double corruptionSeconds,
        double weightNoiseSeconds, double totalSeconds, double attackPassesPerSample, boolean nestedReuse) {
}
