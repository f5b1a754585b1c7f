package io.robustlab.core.evaluation;

import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.core.attack.Attack;
import io.robustlab.core.attack.FixedBudgetAttacks;
import io.robustlab.core.attack.MinimumNormAttack;
import io.robustlab.core.attack.MinimumNormAttacks;

/** Where the engine gets its attacks: the attack package's factories, or a test's own. */
interface AttackSource {

    AttackSource FACTORIES = new AttackSource() {
        @Override
        public boolean isFixedBudget(AttackSpec spec) {
            return FixedBudgetAttacks.isFixedBudget(spec);
        }

        @Override
        public Attack fixedBudget(AttackSpec spec, double epsilon) {
            return FixedBudgetAttacks.of(spec, epsilon);
        }

        @Override
        public MinimumNormAttack minimumNorm(AttackSpec spec) {
            return MinimumNormAttacks.of(spec);
        }
    };

    boolean isFixedBudget(AttackSpec spec);

    Attack fixedBudget(AttackSpec spec, double epsilon);

    MinimumNormAttack minimumNorm(AttackSpec spec);
}
