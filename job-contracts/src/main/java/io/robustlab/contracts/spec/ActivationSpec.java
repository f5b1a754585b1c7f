package io.robustlab.contracts.spec;

import static java.util.Objects.requireNonNullElse;

import io.robustlab.contracts.spec.SpecChecks.Range;
import java.util.List;

/**
 * A hidden-layer non-linearity. In JSON either a bare name ({@code "relu"}) or an object with parameters.
 *
 * <p>Defaults ({@link #withDefaults()}): name relu; relog: base e, epsilon 1.0, offset 0.0; maxout: 2 pieces.
 * Rules: relog base &gt; 0 and ≠ 1, epsilon &gt; 0, offset finite; maxout pieces in [2, 16]. The parameters
 * of one activation given with another are violations.
 *
 * @param name    {@code relu}, {@code tanh}, {@code sigmoid}, {@code relog} or {@code maxout}
 *                (Goodfellow, Warde-Farley, Mirza, Courville and Bengio 2013, "Maxout Networks")
 * @param base    relog only: b in y = log_b(relu(x) + epsilon) + offset
 * @param epsilon relog only: keeps the logarithm finite at zero
 * @param offset  relog only: c, added after the logarithm
 * @param pieces  maxout only: k, the number of linear pieces each unit takes the maximum of
 */
public record ActivationSpec(String name, Double base, Double epsilon, Double offset, Integer pieces) {

    static final List<String> NAMES = List.of("relu", "tanh", "sigmoid", "relog", "maxout");

    /** An activation with no parameters given: what the bare string {@code "relu"} means in JSON. */
    public static ActivationSpec named(String name) {
        return new ActivationSpec(name, null, null, null, null);
    }

    /** A copy with the default name and the defaults of that activation's parameters filled in. */
    public ActivationSpec withDefaults() {
        String filledName = requireNonNullElse(name, "relu");
        return switch (filledName) {
            case "relog" -> new ActivationSpec(filledName, requireNonNullElse(base, Math.E),
                    requireNonNullElse(epsilon, 1.0), requireNonNullElse(offset, 0.0), pieces);
            case "maxout" -> new ActivationSpec(filledName, base, epsilon, offset, requireNonNullElse(pieces, 2));
            default -> new ActivationSpec(filledName, base, epsilon, offset, pieces);
        };
    }

    /** Checks an activation whose defaults are filled in. */
    void check(SpecChecks checks) {
        if (!checks.oneOf("name", name, NAMES)) {
            return;
        }
        if (name.equals("relog")) {
            if (base != null && !(Range.above(0).contains(base) && base != 1)) {
                checks.add("base", "must be > 0 and != 1");
            }
            checks.in("epsilon", epsilon, Range.above(0));
            checks.finite("offset", offset);
        } else {
            checks.onlyFor("base", base, "activation relog");
            checks.onlyFor("epsilon", epsilon, "activation relog");
            checks.onlyFor("offset", offset, "activation relog");
        }
        if (name.equals("maxout")) {
            checks.integerIn("pieces", pieces, 2, 16);
        } else {
            checks.onlyFor("pieces", pieces, "activation maxout");
        }
    }
}
