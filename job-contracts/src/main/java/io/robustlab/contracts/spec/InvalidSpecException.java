package io.robustlab.contracts.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be run, with every violation found (not just the first). */
public class InvalidSpecException extends RuntimeException {

    private final List<SpecViolation> violations;

    public InvalidSpecException(List<SpecViolation> violations) {
        super(violations.stream().map(SpecViolation::toString).collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid spec has at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<SpecViolation> violations() {
        return violations;
    }
}
