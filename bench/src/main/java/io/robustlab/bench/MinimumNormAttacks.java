package io.robustlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.core.attack.AttackGoal;
import io.robustlab.core.attack.AttackWork;
import io.robustlab.core.attack.MinimumNormAttack;
import io.robustlab.core.attack.MinimumNormResult;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.evaluation.EvaluationSamples;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Samples/s of each minimum-norm attack (DeepFool L∞ and L2, DDN, Carlini-Wagner with and without abort-early) on
 * MLP 784-1024-1024-10 and Fashion-MNIST test samples at batch 100, with the forward+backward passes per sample
 * each really ran ({@code AttackWork}), the median norm it reaches and how many samples it breaks. After a warm-up
 * round, the attacks run interleaved for a few rounds; the median and the best round are reported.
 *
 * <p>Usage: {@code bench/run MinimumNormAttacks [samples (100)] [trainSize (60000) | model folder] [rounds (3)]}.
 */
public final class MinimumNormAttacks {

    private static final int BATCH = 100;

    public static void main(String[] args) throws Exception {
        int sampleCount = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        String source = args.length > 1 ? args[1] : "60000";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        DataLocations locations = DataLocations.fromEnvironment();
        ExampleSet samples = EvaluationSamples.load(FashionMnistMlp.foolboxSweep(sampleCount, BATCH), locations);
        Map<String, MinimumNormAttack> attacks = new LinkedHashMap<>();
        for (AttackSpec spec : List.of(AttackSpec.named("linf-deepfool"), AttackSpec.named("l2-deepfool"),
                AttackSpec.named("l2-ddn"), carliniWagner(true), carliniWagner(false))) {
            attacks.put(spec.name() + (spec.abortEarly() == null ? "" : ", abort early " + spec.abortEarly()),
                    io.robustlab.core.attack.MinimumNormAttacks.of(spec));
        }
        try (NoGradScope noGrad = new NoGradScope(); NDManager manager = NDManager.newBaseManager()) {
            Network network = FashionMnistMlp.trainedOrLoaded(source, locations, manager);
            System.out.println(Machine.describe());
            System.out.printf(Locale.ROOT, "%s; %d Fashion-MNIST test samples, batch %d; %d rounds after a warm-up%n",
                    FashionMnistMlp.describe(network), samples.size(), BATCH, rounds);
            attacks.values().forEach(attack -> run(attack, network, samples, manager)); // warm-up
            Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
            attacks.keySet().forEach(label -> outcomes.put(label, new ArrayList<>()));
            List<String> labels = List.copyOf(attacks.keySet());
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < labels.size(); k++) {
                    String label = labels.get((k + round) % labels.size());
                    outcomes.get(label).add(run(attacks.get(label), network, samples, manager));
                }
            }
            System.out.printf(Locale.ROOT, "%-36s %12s %12s %12s %12s %10s%n", "", "samples/s med", "best",
                    "passes/sample", "median norm", "broken");
            outcomes.forEach((label, runs) -> {
                double[] seconds = runs.stream().mapToDouble(Outcome::seconds).toArray();
                Outcome first = runs.getFirst();
                System.out.printf(Locale.ROOT, "%-36s %12.1f %12.1f %12.1f %12.4f %6d/%d%n", label,
                        samples.size() / AttackStepRates.median(seconds),
                        samples.size() / Arrays.stream(seconds).min().orElseThrow(),
                        first.passes() / (double) samples.size(), first.medianNorm(), first.broken(),
                        samples.size());
            });
            System.out.println("load average at the end " + Machine.loadAverage());
        }
    }

    /** One run over all samples: its wall time, measured passes, the median norm and the samples broken. */
    private record Outcome(double seconds, long passes, float medianNorm, int broken) {
    }

    private static Outcome run(MinimumNormAttack attack, Network network, ExampleSet samples, NDManager manager) {
        int d = samples.featureCount();
        float[] norms = new float[samples.size()];
        long passesBefore = AttackWork.samplePasses();
        long started = System.nanoTime();
        for (int start = 0; start < samples.size(); start += BATCH) {
            int n = Math.min(BATCH, samples.size() - start);
            try (NDManager batch = manager.newSubManager()) {
                NDArray x = batch.create(Arrays.copyOfRange(samples.features(), start * d, (start + n) * d),
                        new Shape(samples.batchShape(n)));
                NDArray y = batch.create(Arrays.stream(samples.labels(), start, start + n).asLongStream().toArray());
                MinimumNormResult result = attack.attack(network, x, AttackGoal.untargeted(y),
                        new SplittableRandom(start));
                System.arraycopy(result.norms(), 0, norms, start, n);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long passes = AttackWork.samplePasses() - passesBefore;
        int broken = 0;
        for (float norm : norms) {
            broken += Float.isFinite(norm) ? 1 : 0;
        }
        Arrays.sort(norms);
        return new Outcome(seconds, passes, norms[norms.length / 2], broken);
    }

    /** Carlini-Wagner L2 as the earlier benchmark ran it: 5 binary search steps of 100 Adam steps. */
    private static AttackSpec carliniWagner(boolean abortEarly) {
        return new AttackSpec("l2-carlini-wagner", null, 100, null, null, null, null, null, null, null, null, null,
                5, 0.1, null, 0.05, abortEarly, null, null, null);
    }
}
