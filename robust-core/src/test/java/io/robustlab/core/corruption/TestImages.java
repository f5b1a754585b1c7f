package io.robustlab.core.corruption;

import static org.junit.jupiter.api.Assertions.fail;

import io.robustlab.contracts.spec.DatasetSpec;
import io.robustlab.core.data.DataLocations;
import io.robustlab.core.data.DatasetNotFoundException;
import io.robustlab.core.data.Datasets;
import io.robustlab.core.data.ExampleSet;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;

/** Images the corruption tests run on: generated ones, and real Fashion-MNIST where installed. */
final class TestImages {

    static final ImageShape GRAY = new ImageShape(1, 28, 28);
    static final ImageShape RGB = new ImageShape(3, 32, 32);

    private static ExampleSet fashionMnist;

    private TestImages() {
    }

    /** Values uniform in [0,1]. */
    static float[] uniform(ImageShape shape, long seed) {
        var random = new SplittableRandom(seed);
        float[] image = new float[shape.size()];
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextFloat();
        }
        return image;
    }

    static float[] constant(ImageShape shape, float value) {
        float[] image = new float[shape.size()];
        Arrays.fill(image, value);
        return image;
    }

    /**
     * A picture with hard edges and texture, like a photographed object: a dark gradient background, a bright
     * rectangle, a mid-gray disk, a patch of diagonal stripes (period 6–8 pixels, as textures in natural images are mostly coarser than
     * the pixel grid), and faint pixel noise; {@code seed} moves the shapes and
     * tints the channels differently.
     */
    static float[] scene(ImageShape shape, long seed) {
        var random = new SplittableRandom(seed);
        int h = shape.height();
        int w = shape.width();
        int rectTop = h / 8 + random.nextInt(Math.max(1, h / 6));
        int rectLeft = w / 10 + random.nextInt(Math.max(1, w / 6));
        int rectHeight = h / 4 + random.nextInt(Math.max(1, h / 8));
        int rectWidth = w / 4 + random.nextInt(Math.max(1, w / 8));
        double discY = h * (0.55 + 0.2 * random.nextDouble());
        double discX = w * (0.55 + 0.2 * random.nextDouble());
        double discR = Math.min(h, w) * (0.15 + 0.08 * random.nextDouble());
        double stripePeriod = 6 + 2 * random.nextDouble();
        float[] image = new float[shape.size()];
        for (int c = 0; c < shape.channels(); c++) {
            double tint = shape.channels() == 1 ? 1 : 0.7 + 0.3 * random.nextDouble();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0.1 + 0.2 * x / w;
                    if (y >= rectTop && y < rectTop + rectHeight && x >= rectLeft && x < rectLeft + rectWidth) {
                        v = 0.85;
                    }
                    if ((y - discY) * (y - discY) + (x - discX) * (x - discX) <= discR * discR) {
                        v = 0.55;
                    }
                    if (y < h / 2 && x >= w / 2 + 2 && x < w - 3 && y > 2) {
                        v = 0.5 + 0.3 * Math.sin(2 * Math.PI * (x + 0.5 * y) / stripePeriod);
                    }
                    v += 0.03 * (random.nextDouble() - 0.5);
                    image[c * shape.plane() + y * w + x] = (float) Math.min(1, Math.max(0, v * tint));
                }
            }
        }
        return image;
    }

    /**
     * The first {@code count} images of a seeded subset of the real Fashion-MNIST test split. Where it is not
     * installed the calling test is skipped, except with {@code CI=true}, where that fails it.
     */
    static synchronized ExampleSet fashionMnist(int count) {
        if (fashionMnist == null) {
            var locations = new DataLocations(Path.of("target", "no-data-dir"), DataLocations.SYSTEM_DIRECTORIES,
                    false, DataLocations.fromEnvironment().downloadSources());
            try {
                fashionMnist = Datasets.load(new DatasetSpec("fashion-mnist", 1, 200, 7L, null, null, null, null, null),
                        locations).test();
            } catch (DatasetNotFoundException e) {
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    fail("CI=true and Fashion-MNIST is missing (install the Debian package dataset-fashion-mnist): "
                            + e.getMessage(), e);
                }
                Assumptions.abort("Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
            }
        }
        int[] first = new int[Math.min(count, fashionMnist.size())];
        Arrays.setAll(first, i -> i);
        return fashionMnist.select(first);
    }

    /** Image {@code i} of an example set, copied. */
    static float[] example(ExampleSet set, int i) {
        int d = set.featureCount();
        return Arrays.copyOfRange(set.features(), i * d, (i + 1) * d);
    }

    static double meanAbsoluteChange(float[] clean, float[] corrupted) {
        double sum = 0;
        for (int i = 0; i < clean.length; i++) {
            sum += Math.abs(corrupted[i] - clean[i]);
        }
        return sum / clean.length;
    }
}
