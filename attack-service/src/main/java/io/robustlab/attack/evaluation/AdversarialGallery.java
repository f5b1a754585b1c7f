package io.robustlab.attack.evaluation;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.robustlab.attack.evaluation.ExampleImages.Layout;
import io.robustlab.contracts.message.WorkerEvent.Artifact;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.evaluation.AdversarialObserver;
import io.robustlab.core.evaluation.EvaluationResult;
import io.robustlab.core.evaluation.RobustnessCurve;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;
import io.robustlab.worker.job.JobContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A few adversarial examples per attack for the UI's gallery. As the evaluation counts successes it keeps the first
 * {@code perAttack} samples each attack fooled, with the example that fooled the network at the smallest epsilon of
 * the grid that broke the sample (for a minimum-norm attack: the perturbation it found, or that perturbation
 * restricted to the ε-ball when it is larger than ε); the engine keeps none itself. Then each is stored as three PNGs
 * (clean, adversarial, perturbation), a sidecar with the perturbation's scale, and {@code gallery/index.json}.
 */
final class AdversarialGallery implements AdversarialObserver {

    static final String INDEX = "gallery/index.json";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final int perAttack;
    private final Map<String, Map<Integer, Counted>> byCurve = new LinkedHashMap<>();

    private record Counted(double epsilon, float[] adversarial) {
    }

    /** A sample kept for an attack's gallery, as an attack's checkpoint stores it ({@link StoredAttackCheckpoints}). */
    record Kept(int sample, double epsilon, float[] adversarial) {
    }

    /** One sample of the gallery, as {@code index.json} lists it. */
    record Entry(int sample, int label, int cleanPrediction, int adversarialPrediction, double epsilon,
            double perturbationNorm, double perturbationScale, String clean, String adversarial, String perturbation,
            String scale) {
    }

    /** One attack's samples: its curve label, the slug of its folder, its norm ({@code L∞}, {@code L2}), its kind. */
    record AttackEntries(String curve, String folder, String norm, String kind, List<Entry> samples) {
    }

    record Index(String perturbationPixel, List<AttackEntries> attacks) {
    }

    AdversarialGallery(int perAttack) {
        this.perAttack = perAttack;
    }

    @Override
    public void counted(String curve, double epsilon, int sample, float[] adversarial) {
        Map<Integer, Counted> kept = byCurve.computeIfAbsent(curve, c -> new LinkedHashMap<>());
        if (kept.size() < perAttack && !kept.containsKey(sample)) {
            kept.put(sample, new Counted(epsilon, adversarial));
        }
    }

    /** The samples kept so far for {@code curve}'s gallery, in the order they were kept. */
    List<Kept> kept(String curve) {
        return byCurve.getOrDefault(curve, Map.of()).entrySet().stream()
                .map(e -> new Kept(e.getKey(), e.getValue().epsilon(), e.getValue().adversarial())).toList();
    }

    /**
     * Keeps the samples an earlier run kept for {@code curve} (an attack this run resumes and does not run), as if
     * they were counted again in the same order.
     */
    void restore(String curve, List<Kept> samples) {
        for (Kept kept : samples) {
            counted(curve, kept.epsilon(), kept.sample(), kept.adversarial());
        }
    }

    /**
     * Stores the gallery of {@code result}'s attacks under {@code gallery/} and returns the stored artifacts, index
     * last; nothing when the samples are not images or no sample was kept. {@code network} gives the predictions.
     */
    List<Artifact> store(JobContext context, EvaluationResult result, ExampleSet samples, Network network,
            NDManager manager) throws IOException {
        Layout layout = Layout.of(samples.exampleShape());
        if (layout == null || perAttack == 0) {
            return List.of();
        }
        Path folder = context.workDirectory().resolve("gallery");
        Files.createDirectories(folder);
        int d = samples.featureCount();
        List<Artifact> stored = new ArrayList<>();
        List<AttackEntries> attacks = new ArrayList<>();
        Set<String> folders = new HashSet<>();
        for (RobustnessCurve curve : result.curves()) {
            Map<Integer, Counted> kept = byCurve.getOrDefault(curve.label(), Map.of());
            String slug = slug(curve.label());
            for (int n = 2; !folders.add(slug); n++) {
                slug = slug(curve.label()) + "-" + n;
            }
            int[] indices = kept.keySet().stream().mapToInt(Integer::intValue).toArray();
            float[] clean = new float[indices.length * d];
            float[] adversarial = new float[indices.length * d];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(samples.features(), indices[i] * d, clean, i * d, d);
                System.arraycopy(kept.get(indices[i]).adversarial(), 0, adversarial, i * d, d);
            }
            int[] cleanPredicted = predict(network, manager, clean, indices.length, samples.exampleShape());
            int[] adversarialPredicted = predict(network, manager, adversarial, indices.length,
                    samples.exampleShape());
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < indices.length; i++) {
                float[] x = Arrays.copyOfRange(clean, i * d, (i + 1) * d);
                float[] xAdv = Arrays.copyOfRange(adversarial, i * d, (i + 1) * d);
                float[] delta = new float[d];
                for (int j = 0; j < d; j++) {
                    delta[j] = xAdv[j] - x[j];
                }
                double scale = ExampleImages.largestMagnitude(delta);
                String prefix = "gallery/" + slug + "/" + indices[i] + "-";
                Entry entry = new Entry(indices[i], samples.labels()[indices[i]], cleanPredicted[i],
                        adversarialPredicted[i], kept.get(indices[i]).epsilon(), norm(curve.norm(), delta), scale,
                        prefix + "clean.png", prefix + "adversarial.png", prefix + "perturbation.png",
                        prefix + "perturbation.json");
                stored.add(png(context, folder, entry.clean(), ExampleImages.input(x, layout)));
                stored.add(png(context, folder, entry.adversarial(), ExampleImages.input(xAdv, layout)));
                stored.add(png(context, folder, entry.perturbation(),
                        ExampleImages.perturbation(delta, layout, scale)));
                stored.add(json(context, folder, entry.scale(), Map.of("maxAbsDelta", scale,
                        "pixel", ExampleImages.PERTURBATION_PIXEL)));
                entries.add(entry);
            }
            attacks.add(new AttackEntries(curve.label(), slug, curve.norm(), curve.kind(), entries));
        }
        stored.add(json(context, folder, INDEX, new Index(ExampleImages.PERTURBATION_PIXEL, attacks)));
        return stored;
    }

    /** A file-name-safe form of a curve label: {@code linf-pgd (L∞)} → {@code linf-pgd-linf}. */
    static String slug(String label) {
        String slug = label.toLowerCase(Locale.ROOT).replace("∞", "inf").replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "attack" : slug;
    }

    private static double norm(String norm, float[] delta) {
        double result = 0;
        for (float v : delta) {
            result = "L2".equals(norm) ? result + (double) v * v : Math.max(result, Math.abs(v));
        }
        return "L2".equals(norm) ? Math.sqrt(result) : result;
    }

    private static int[] predict(Network network, NDManager manager, float[] features, int count, long[] shape) {
        if (count == 0) {
            return new int[0];
        }
        long[] batch = new long[shape.length + 1];
        batch[0] = count;
        System.arraycopy(shape, 0, batch, 1, shape.length);
        try (NoGradScope noGrad = new NoGradScope(); NDManager work = manager.newSubManager()) {
            return Arrays.stream(network.predict(work.create(features, new Shape(batch))).toLongArray())
                    .mapToInt(Math::toIntExact).toArray();
        }
    }

    private static Artifact png(JobContext context, Path folder, String name,
            java.awt.image.BufferedImage image) throws IOException {
        Path file = folder.resolve(name.replace('/', '_'));
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IllegalStateException("no PNG writer in this JDK");
        }
        return context.upload(name, file, "image/png");
    }

    private static Artifact json(JobContext context, Path folder, String name, Object value) throws IOException {
        Path file = folder.resolve(name.replace('/', '_'));
        JSON.writeValue(file.toFile(), value);
        return context.upload(name, file, "application/json");
    }
}
