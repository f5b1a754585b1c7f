package io.robustlab.core.evaluation;

import ai.djl.ndarray.NDManager;
import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.contracts.spec.Norm;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
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
        return run(spec, network, samples, listener, cancelled, options, observer, AttackCheckpoints.NONE);
    }

    /**
     * As {@link #run(EvaluateSpec, Network, ExampleSet, EvaluationListener, BooleanSupplier, EvaluationOptions,
     * AdversarialObserver)}, keeping each finished attack's outcome in {@code checkpoints} and taking the outcomes
     * kept there by an earlier run of the same evaluation instead of running those attacks again. A resumed attack's
     * curve points are reported to the listener again (the observer hears nothing of it: its successes were seen
     * by the run that ran it); the worst cases, warnings and tables are computed from all attacks' outcomes, so the
     * result equals an uninterrupted run's except {@link Timings}: a resumed attack's {@link AttackCost} is the one
     * measured by the run that ran it, {@link Timings#resumedAttacks()} names the resumed curves, and the other
     * timings are this run's.
     *
     * @throws IllegalStateException also when {@code checkpoints} hold an outcome of another evaluation
     */
    public static EvaluationResult run(EvaluateSpec spec, Network network, ExampleSet samples,
            EvaluationListener listener, BooleanSupplier cancelled, EvaluationOptions options,
            AdversarialObserver observer, AttackCheckpoints checkpoints) {
        return run(spec, network, samples, listener, cancelled, options, AttackSource.FACTORIES, observer,
                checkpoints);
    }

    static EvaluationResult run(EvaluateSpec spec, Network network, ExampleSet samples, EvaluationListener listener,
            BooleanSupplier cancelled, EvaluationOptions options, AttackSource attackSource,
            AdversarialObserver observer) {
        return run(spec, network, samples, listener, cancelled, options, attackSource, observer,
                AttackCheckpoints.NONE);
    }

    static EvaluationResult run(EvaluateSpec spec, Network network, ExampleSet samples, EvaluationListener listener,
            BooleanSupplier cancelled, EvaluationOptions options, AttackSource attackSource,
            AdversarialObserver observer, AttackCheckpoints checkpoints) {
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

            String evaluation = attacks.isEmpty() ? null : fingerprint(filled, samples, options);
            List<RobustnessCurve> curves = new ArrayList<>();
            List<AttackCost> costs = new ArrayList<>();
            List<String> resumed = new ArrayList<>();
            for (int a = 0; a < attacks.size(); a++) {
                AttackSpec attack = attacks.get(a);
                boolean fixedBudget = attackSource.isFixedBudget(attack);
                Optional<AttackOutcome> kept = checkpoints.finished(evaluation, a, attack);
                AttackOutcome outcome;
                if (kept.isPresent()) {
                    outcome = kept.get();
                    requireFits(outcome.curve(), attack, epsilons, samples.size());
                    resumed.add(outcome.curve().label());
                    BitSet counted = SampleBits.decode(outcome.curve().counted());
                    for (int k = 0; k < epsilons.length; k++) {
                        listener.curvePoint(CurvePoint.of(outcome.curve().label(), epsilons[k],
                                outcome.curve().brokenAt(k), counted));
                    }
                    context.workDone(epsilons.length + (fixedBudget ? 0 : 1));
                } else {
                    outcome = fixedBudget ? FixedBudgetSweep.run(context, attack, a)
                            : MinimumNormSweep.run(context, attack, a);
                    checkpoints.attackFinished(evaluation, a, attack, outcome);
                }
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
                    passesPerSample, measuredPerSample, options.nestedReuse(), options.earlyExit(), resumed);
            listener.progress(1);
            return new EvaluationResult(SpecCodec.specHash(filled), samples.size(),
                    (double) cleanCorrect.cardinality() / samples.size(), SampleBits.encode(cleanCorrect), epsilons,
                    curves, worstCases, corruptions, weightNoise, warnings, timings);
        }
    }

    /**
     * What identifies an evaluation's attack outcomes: the spec's hash (with defaults: attacks, grid, seed, batch
     * size), the samples (count, and a SHA-256 of their labels and values) and the options that change the curves.
     * The model is the one the spec names and is not hashed.
     */
    static String fingerprint(EvaluateSpec filled, ExampleSet samples, EvaluationOptions options) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        int[] labels = samples.labels();
        float[] features = samples.features();
        for (int i = 0; i < labels.length + features.length; i++) {
            if (!buffer.hasRemaining()) {
                digest.update(buffer.flip());
                buffer.clear();
            }
            buffer.putInt(i < labels.length ? labels[i] : Float.floatToIntBits(features[i - labels.length]));
        }
        digest.update(buffer.flip());
        return SpecCodec.specHash(filled) + "/" + samples.size() + "/" + HexFormat.of().formatHex(digest.digest())
                + "/nestedReuse=" + options.nestedReuse() + "/earlyExit=" + options.earlyExit();
    }

    /** A kept outcome must be the attack's, on this grid and these samples; the fingerprint says so, this checks. */
    private static void requireFits(RobustnessCurve curve, AttackSpec attack, double[] epsilons, int samples) {
        if (!curve.label().equals(attack.curveLabel()) || curve.broken().size() != epsilons.length
                || curve.robustAccuracy().length != epsilons.length
                || SampleBits.decode(curve.counted()).length() > samples) {
            throw new IllegalStateException("the kept outcome of " + attack.curveLabel() + " does not fit this "
                    + "evaluation: curve " + curve.label() + " with " + curve.broken().size() + " points for "
                    + epsilons.length + " epsilons");
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
