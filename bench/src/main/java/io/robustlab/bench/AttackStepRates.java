package io.robustlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.robustlab.core.attack.Attack;
import io.robustlab.core.attack.AttackGoal;
import io.robustlab.core.attack.AttackWork;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.model.GradientRecorder;
import io.robustlab.core.model.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Attack steps against the plain forward+backward pass they are made of, measured in the same run: per batch, the
 * plain kind runs {@code steps} forward passes and backward passes to the input (parameters frozen, nothing else),
 * an attack kind runs one {@code perturb} of {@code steps} steps, so both cost {@code samples × steps}
 * sample-steps. After a warm-up round, every kind goes once over all samples per round, the kinds taking turns
 * batch by batch in an order that rotates, so that load from other processes falls on all of them alike; the best
 * and the median round are reported, and each attack's time over the plain pass's in the same round.
 */
final class AttackStepRates {

    static final String PLAIN = "plain forward+backward";

    private final Network network;
    private final ExampleSet samples;
    private final int batchSize;
    private final int steps;
    private final NDManager manager;
    private final Map<String, Attack> kinds = new LinkedHashMap<>();

    AttackStepRates(Network network, ExampleSet samples, int batchSize, int steps, NDManager manager) {
        this.network = network;
        this.samples = samples;
        this.batchSize = batchSize;
        this.steps = steps;
        this.manager = manager;
        kinds.put(PLAIN, null);
    }

    /** Adds an attack of {@link #steps} steps to measure. */
    AttackStepRates add(String label, Attack attack) {
        kinds.put(label, attack);
        return this;
    }

    /** Per kind, the seconds and the measured forward+backward sample passes of each round. */
    record Rounds(Map<String, double[]> seconds, Map<String, long[]> passes) {
    }

    /** A warm-up round, then {@code rounds} measured ones. */
    Rounds measure(int rounds) {
        List<String> labels = new ArrayList<>(kinds.keySet());
        for (String label : labels) { // warm-up
            for (int start = 0; start < samples.size(); start += batchSize) {
                run(label, start);
            }
        }
        Map<String, double[]> seconds = new LinkedHashMap<>();
        Map<String, long[]> passes = new LinkedHashMap<>();
        labels.forEach(label -> {
            seconds.put(label, new double[rounds]);
            passes.put(label, new long[rounds]);
        });
        int turn = 0;
        for (int round = 0; round < rounds; round++) {
            // kinds take turns batch by batch, so that a burst of load falls on all of them alike
            for (int start = 0; start < samples.size(); start += batchSize, turn++) {
                for (int k = 0; k < labels.size(); k++) {
                    String label = labels.get((k + turn) % labels.size());
                    long passesBefore = AttackWork.samplePasses();
                    long started = System.nanoTime();
                    run(label, start);
                    seconds.get(label)[round] += (System.nanoTime() - started) / 1e9;
                    passes.get(label)[round] += AttackWork.samplePasses() - passesBefore;
                }
            }
        }
        return new Rounds(seconds, passes);
    }

    /**
     * Prints, per kind, sample-steps/s (best round, median round), milliseconds per step of a full batch, the time
     * over the plain pass's (best over best; median of the rounds' ratios) and, for attacks, the forward+backward
     * passes measured per sample-step (below 1 when samples leave early).
     */
    void print(Rounds rounds) {
        int sampleSteps = samples.size() * steps;
        double[] plain = rounds.seconds().get(PLAIN);
        System.out.printf(Locale.ROOT, "%-40s %12s %12s %10s %18s %12s%n", "sample-steps/s, " + rounds.seconds()
                .get(PLAIN).length + " rounds", "best", "median", "ms/step*", "x plain best|med", "passes/step");
        for (Map.Entry<String, double[]> kind : rounds.seconds().entrySet()) {
            double[] seconds = kind.getValue();
            long passes = Arrays.stream(rounds.passes().get(kind.getKey())).sum();
            String measured = kind.getKey().equals(PLAIN) ? "" : String.format(Locale.ROOT, "%.3f",
                    passes / ((double) sampleSteps * seconds.length));
            System.out.printf(Locale.ROOT, "%-40s %,12.0f %,12.0f %10.2f %8.3f | %-7.3f %12s%n", kind.getKey(),
                    sampleSteps / min(seconds), sampleSteps / median(seconds),
                    median(seconds) * 1e3 / steps / Math.ceilDiv(samples.size(), batchSize),
                    min(seconds) / min(plain), median(overPlain(rounds, kind.getKey())), measured);
        }
        System.out.printf(Locale.ROOT, "* median round, per step of one batch of up to %d samples; every round, in"
                + " ms/step:%n", batchSize);
        for (Map.Entry<String, double[]> kind : rounds.seconds().entrySet()) {
            StringBuilder each = new StringBuilder();
            for (double seconds : kind.getValue()) {
                each.append(String.format(Locale.ROOT, " %.2f", seconds * 1e3 / steps / Math.ceilDiv(samples.size(),
                        batchSize)));
            }
            System.out.printf(Locale.ROOT, "  %-38s%s%n", kind.getKey(), each);
        }
    }

    /**
     * The attack's time per sample-step over the plain pass's, as "best round over best round, median of the rounds'
     * ratios", with the target.
     */
    String stepCost(Rounds rounds, String label) {
        return String.format(Locale.ROOT, "%.3f (best rounds), %.3f (median of the rounds)   target <= 1.2",
                min(rounds.seconds().get(label)) / min(rounds.seconds().get(PLAIN)), median(overPlain(rounds, label)));
    }

    /** Each round's time of {@code label} over the plain pass's in the same round. */
    private static double[] overPlain(Rounds rounds, String label) {
        double[] plain = rounds.seconds().get(PLAIN);
        double[] seconds = rounds.seconds().get(label);
        double[] ratios = new double[seconds.length];
        Arrays.setAll(ratios, r -> seconds[r] / plain[r]);
        return ratios;
    }

    /** The plain pass's sample-steps/s in the median round. */
    double plainRate(Rounds rounds) {
        return samples.size() * steps / median(rounds.seconds().get(PLAIN));
    }

    /** One kind on the batch of samples from {@code start}. */
    private void run(String label, int start) {
        Attack attack = kinds.get(label);
        int d = samples.featureCount();
        int n = Math.min(batchSize, samples.size() - start);
        try (NDManager batch = manager.newSubManager()) {
            NDArray x = batch.create(Arrays.copyOfRange(samples.features(), start * d, (start + n) * d),
                    new Shape(samples.batchShape(n)));
            NDArray y = batch.create(Arrays.stream(samples.labels(), start, start + n).asLongStream().toArray());
            if (attack == null) {
                forwardBackward(x, y, batch);
            } else {
                attack.perturb(network, x, AttackGoal.untargeted(y), new SplittableRandom(start));
            }
        }
    }

    /** {@link #steps} forward passes and backward passes to the input, each in its own manager, as an attack's. */
    private void forwardBackward(NDArray x, NDArray y, NDManager batch) {
        try (Network.Frozen frozen = network.freeze()) {
            for (int step = 0; step < steps; step++) {
                try (NDManager scratch = batch.newSubManager()) {
                    NDArray input = x.stopGradient();
                    input.attach(scratch);
                    input.setRequiresGradient(true);
                    try (GradientRecorder recorder = GradientRecorder.open(scratch.getEngine())) {
                        recorder.backward(network.loss(network.logits(input, false), y));
                    }
                    input.getGradient().attach(scratch);
                }
            }
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }
}
