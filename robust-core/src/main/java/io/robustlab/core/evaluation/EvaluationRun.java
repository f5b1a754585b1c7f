package io.robustlab.core.evaluation;

import ai.djl.ndarray.NDManager;
import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.contracts.spec.Norm;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Runs an Evaluate spec against a network on chosen samples ({@link EvaluationSamples}): a clean pass, then every
 * attack over the epsilon grid ({@link FixedBudgetSweep}, {@link MinimumNormSweep}), the worst cases, the
 * corruption table ({@link CorruptionSweep}), the weight-noise table ({@link WeightNoiseSweep}) and the warnings
 * ({@link RobustnessWarnings}).
 */
public final class EvaluationRun {

    private EvaluationRun() {
    }

    /** Runs with nested-epsilon reuse ({@link EvaluationOptions#DEFAULT}); see the overload with options. */
    public static EvaluationResult run(EvaluateSpec spec, Network network, ExampleSet samples,
            EvaluationListener listener, BooleanSupplier cancelled) {
        return run(spec, network, samples, listener, cancelled, EvaluationOptions.DEFAULT);
    }

    /**
     * Evaluates {@code network} on {@code samples} as {@code spec} says (its defaults are filled in here).
     *
     * @param listener  hears each curve point, table row and progress, in the calling thread
     * @param cancelled checked between batches; when true the run stops with {@link EvaluationCancelledException}
     * @throws IllegalArgumentException      the spec has attacks and a sample value lies outside [0,1]
     * @throws IllegalStateException         an attack returned an example outside its budget or [0,1]
     * @throws UnsupportedOperationException the spec names an attack that is not implemented yet (checked before any
     *                                       work)
     */
    public static EvaluationResult run(EvaluateSpec spec, Network network, ExampleSet samples,
            EvaluationListener listener, BooleanSupplier cancelled, EvaluationOptions options) {
        return run(spec, network, samples, listener, cancelled, options, AdversarialObserver.NONE);
    }

    /**
     * As {@link #run(EvaluateSpec, Network, ExampleSet, EvaluationListener, BooleanSupplier, EvaluationOptions)},
     * telling {@code observer} of every success it counts, with the adversarial example that fooled the network.
     */
    public static EvaluationResult run(EvaluateSpec spec, Network network, ExampleSet samples,
            EvaluationListener listener, BooleanSupplier cancelled, EvaluationOptions options,
            AdversarialObserver observer) {
        return run(spec, network, samples, listener, cancelled, options, AttackSource.FACTORIES, observer);
    }

    static EvaluationResult run(EvaluateSpec spec, Network network, ExampleSet samples, EvaluationListener listener,
            BooleanSupplier cancelled, EvaluationOptions options, AttackSource attackSource,
            AdversarialObserver observer) {
        long started = System.nanoTime();
        EvaluateSpec filled = spec.withDefaults();
        double[] epsilons = filled.epsilonGrid();
        List<AttackSpec> attacks = filled.attacks() == null ? List.of() : filled.attacks();
        if (samples.size() == 0) {
            throw new IllegalArgumentException("no samples to evaluate");
        }
        if (!Arrays.equals(samples.exampleShape(), network.exampleShape())) {
            throw new IllegalArgumentException("samples are shaped " + Arrays.toString(samples.exampleShape())
                    + ", the network takes " + Arrays.toString(network.exampleShape()));
        }
        if (!attacks.isEmpty()) {
            for (float value : samples.features()) {
                if (!(value >= 0f && value <= 1f)) {
                    throw new IllegalArgumentException("attacks work on inputs in [0,1] (the ε-ball is clipped to "
                            + "that box), but a sample holds " + value + ": evaluate an image dataset, or one "
                            + "scaled to [0,1]");
                }
            }
        }
        for (AttackSpec attack : attacks) { // an attack that cannot be built fails now, not after hours of others
            if (attackSource.isFixedBudget(attack)) {
                attackSource.fixedBudget(attack, Arrays.stream(epsilons).max().orElse(1.0) > 0
                        ? Arrays.stream(epsilons).max().getAsDouble() : 1.0);
            } else {
                attackSource.minimumNorm(attack);
            }
        }
        double work = 1 + attacks.stream().mapToDouble(a -> epsilons.length + (attackSource.isFixedBudget(a) ? 0 : 1))
                .sum();
        if (filled.corruptions() != null) {
            work += filled.corruptions().names().size() * filled.corruptions().severities().size();
        }
        if (filled.weightNoise() != null) {
            work += filled.weightNoise().sigmas().size();
        }

        try (NoGradScope noGrad = new NoGradScope(); NDManager manager = NDManager.newBaseManager()) {
            SampleBatches batches = new SampleBatches(network, manager, samples,
                    Objects.requireNonNull(filled.batchSize(), "batchSize"));
            long cleanStarted = System.nanoTime();
            int[] predicted = batches.predict(samples.features(), samples.size());
            BitSet cleanCorrect = new BitSet(samples.size());
            for (int i = 0; i < predicted.length; i++) {
                cleanCorrect.set(i, predicted[i] == samples.labels()[i]);
            }
            int degenerate = attacks.isEmpty() ? 0 : InputGradients.degenerateCount(batches);
            double cleanSeconds = seconds(cleanStarted);
            SweepContext context = new SweepContext(batches, cleanCorrect, epsilons, filled.seed(), options,
                    attackSource, observer, listener, cancelled, work);
            context.workDone(1);

            List<RobustnessCurve> curves = new ArrayList<>();
            List<AttackCost> costs = new ArrayList<>();
            for (int a = 0; a < attacks.size(); a++) {
                AttackOutcome outcome = attackSource.isFixedBudget(attacks.get(a))
                        ? FixedBudgetSweep.run(context, attacks.get(a), a)
                        : MinimumNormSweep.run(context, attacks.get(a), a);
                curves.add(outcome.curve());
                costs.add(outcome.cost());
            }
            List<RobustnessCurve> perNorm = worstPerNorm(attacks, curves, samples.size());
            List<RobustnessCurve> worstCases = new ArrayList<>(perNorm);
            if (!curves.isEmpty()) {
                worstCases.add(RobustnessCurve.worstCase(perNorm.size() > 1
                        ? "worst-case (all attacks, mixed norms)" : "worst-case (all attacks)",
                        perNorm.size() > 1 ? RobustnessCurve.MIXED : perNorm.getFirst().norm(), curves,
                        samples.size()));
            }
            for (RobustnessCurve worst : worstCases) {
                for (int k = 0; k < epsilons.length; k++) {
                    BitSet all = new BitSet();
                    all.set(0, samples.size());
                    listener.curvePoint(CurvePoint.of(worst.label(), epsilons[k], worst.brokenAt(k), all));
                }
            }

            long corruptionStarted = System.nanoTime();
            CorruptionTable corruptions = filled.corruptions() == null ? null
                    : CorruptionSweep.run(context, filled.corruptions());
            double corruptionSeconds = seconds(corruptionStarted);
            long noiseStarted = System.nanoTime();
            List<WeightNoiseRow> weightNoise = filled.weightNoise() == null ? List.of()
                    : WeightNoiseSweep.run(context, filled.weightNoise());
            double noiseSeconds = seconds(noiseStarted);

            List<EvaluationWarning> warnings = RobustnessWarnings.of(samples.size(), degenerate, attacks, curves,
                    perNorm, epsilons);
            double passesPerSample = costs.stream().mapToLong(AttackCost::attackPasses).sum()
                    / (double) samples.size();
            double measuredPerSample = costs.stream().mapToLong(AttackCost::measuredPasses).sum()
                    / (double) samples.size();
            Timings timings = new Timings(cleanSeconds, costs, corruptionSeconds, noiseSeconds, seconds(started),
                    passesPerSample, measuredPerSample, options.nestedReuse(), options.earlyExit());
            listener.progress(1);
            return new EvaluationResult(SpecCodec.specHash(filled), samples.size(),
                    (double) cleanCorrect.cardinality() / samples.size(), SampleBits.encode(cleanCorrect), epsilons,
                    curves, worstCases, corruptions, weightNoise, warnings, timings);
        }
    }

    private static List<RobustnessCurve> worstPerNorm(List<AttackSpec> attacks, List<RobustnessCurve> curves,
            int samples) {
        List<RobustnessCurve> worst = new ArrayList<>();
        for (Norm norm : Norm.values()) {
            List<RobustnessCurve> ofNorm = new ArrayList<>();
            for (int a = 0; a < attacks.size(); a++) {
                if (attacks.get(a).norm() == norm) {
                    ofNorm.add(curves.get(a));
                }
            }
            if (!ofNorm.isEmpty()) {
                worst.add(RobustnessCurve.worstCase("worst-case " + norm.symbol(), norm.symbol(), ofNorm, samples));
            }
        }
        return worst;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
