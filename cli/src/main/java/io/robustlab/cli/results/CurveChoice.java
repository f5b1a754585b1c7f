package io.robustlab.cli.results;

import io.robustlab.cli.CliException;
import io.robustlab.cli.Exit;
import io.robustlab.cli.results.RobustnessCurves.Curve;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Picks a curve by the name a user types ({@code --attack}):
 * <ul>
 *   <li>{@code worst}: the worst case over every attack of the job (a sample is broken at epsilon if any attack broke
 *       it), the curve to gate on;</li>
 *   <li>{@code worst-linf}, {@code worst-l2}: the worst case over the attacks of one norm;</li>
 *   <li>an attack's name or label as in the spec ({@code linf-pgd}, {@code fgsm}), or a curve's whole label
 *       ({@code linf-pgd (L∞)}); case does not matter.</li>
 * </ul>
 */
public final class CurveChoice {

    public static final String WORST = "worst";

    private CurveChoice() {
    }

    /**
     * @throws CliException {@link Exit#USAGE} naming the curves there are, when none is called that
     */
    public static Curve pick(RobustnessCurves curves, String name) {
        return find(curves.curves(), name).orElseThrow(() -> new CliException(Exit.USAGE, curves.curves().isEmpty()
                ? "job " + curves.jobId() + " has no robustness curves (its spec has no attacks)"
                : "job " + curves.jobId() + " has no curve '" + name + "'; it has: "
                        + String.join(", ", names(curves.curves()))));
    }

    static Optional<Curve> find(List<Curve> curves, String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals(WORST)) {
            return curves.stream().filter(Curve::worstOverAllAttacks).findFirst();
        }
        if (wanted.startsWith(WORST + "-")) {
            String norm = wanted.substring(WORST.length() + 1);
            return curves.stream().filter(c -> c.worstCase() && !c.worstOverAllAttacks() && norm.equals(c.norm()))
                    .findFirst();
        }
        return curves.stream().filter(c -> c.label().toLowerCase(Locale.ROOT).equals(wanted)).findFirst()
                .or(() -> curves.stream().filter(c -> !c.worstCase()
                        && c.attackName().toLowerCase(Locale.ROOT).equals(wanted)).findFirst());
    }

    /** What {@code --attack} accepts for these curves. */
    static Set<String> names(List<Curve> curves) {
        Set<String> names = new LinkedHashSet<>();
        for (Curve curve : curves) {
            if (curve.worstOverAllAttacks()) {
                names.add(WORST);
            } else if (curve.worstCase()) {
                names.add(WORST + "-" + curve.norm());
            } else {
                names.add(curve.attackName());
            }
        }
        return names;
    }
}
