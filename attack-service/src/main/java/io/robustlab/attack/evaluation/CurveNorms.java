package io.robustlab.attack.evaluation;

import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.contracts.spec.Norm;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The norm of each curve an evaluation reports, as events name it ({@code linf}, {@code l2}, {@code mixed}):
 * robust-core's listener hears a curve point by its label only.
 */
final class CurveNorms {

    static final String MIXED = "mixed";

    private final Map<String, String> byLabel = new HashMap<>();
    private final String worstOfAll;

    CurveNorms(EvaluateSpec spec) {
        List<AttackSpec> attacks = spec.attacks() == null ? List.of() : spec.attacks();
        for (AttackSpec attack : attacks) {
            byLabel.put(attack.withDefaults().curveLabel(), token(attack.norm()));
        }
        Set<Norm> norms = attacks.stream().map(AttackSpec::norm).collect(Collectors.toSet());
        for (Norm norm : norms) {
            byLabel.put("worst-case " + norm.symbol(), token(norm));
        }
        worstOfAll = norms.size() == 1 ? token(norms.iterator().next()) : MIXED;
    }

    /** The norm of the curve with this label; a worst case over all attacks has theirs, or mixed. */
    String of(String label) {
        return byLabel.getOrDefault(label, worstOfAll);
    }

    static String token(Norm norm) {
        return norm.name().toLowerCase(Locale.ROOT);
    }
}
