package io.robustlab.attack.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.attack.evaluation.ExampleImages.Layout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ExampleImagesTest {

    @Test
    void aGreyExampleIsDrawnFourTimesLargerZeroBlackOneWhite() throws IOException {
        Layout layout = Layout.of(new long[] {1, 28, 28});
        float[] values = new float[28 * 28];
        values[1] = 1f;                 // (x=1, y=0)
        values[28 * 2 + 3] = 0.5f;      // (x=3, y=2)

        BufferedImage image = decode(ExampleImages.input(values, layout));

        assertThat(image.getWidth()).isEqualTo(112);
        assertThat(image.getHeight()).isEqualTo(112);
        assertThat(image.getRaster().getNumBands()).isEqualTo(1);
        assertThat(grey(image, 0, 0)).isZero();
        assertThat(grey(image, 3, 3)).isZero();
        for (int dy = 0; dy < 4; dy++) {
            for (int dx = 0; dx < 4; dx++) {
                assertThat(grey(image, 4 + dx, dy)).isEqualTo(255);
                assertThat(grey(image, 12 + dx, 8 + dy)).isEqualTo(128);
            }
        }
        assertThat(grey(image, 8, 0)).isZero();
    }

    @Test
    void anRgbExampleTakesItsChannelsFromTheFirstAxis() throws IOException {
        Layout layout = Layout.of(new long[] {3, 32, 32});
        float[] values = new float[3 * 32 * 32];
        values[0] = 1f;                     // red of (0, 0)
        values[2 * 32 * 32 + 5] = 1f;       // blue of (5, 0)

        BufferedImage image = decode(ExampleImages.input(values, layout));

        assertThat(image.getWidth()).isEqualTo(128);
        assertThat(image.getHeight()).isEqualTo(128);
        assertThat(image.getRGB(3, 3) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(image.getRGB(21, 2) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(image.getRGB(8, 8) & 0xFFFFFF).isZero();
    }

    @Test
    void aPerturbationIsMidGreyAtZeroAndReachesWhiteAndBlackAtItsLargestMagnitude() throws IOException {
        Layout layout = Layout.of(new long[] {784});
        float[] delta = new float[784];
        delta[0] = 0.02f;
        delta[1] = -0.02f;
        delta[2] = 0.01f;
        double scale = ExampleImages.largestMagnitude(delta);

        BufferedImage image = decode(ExampleImages.perturbation(delta, layout, scale));

        assertThat(scale).isEqualTo(0.02f);
        assertThat(image.getWidth()).isEqualTo(112);
        assertThat(grey(image, 0, 0)).isEqualTo(255);
        assertThat(grey(image, 4, 0)).isZero();
        assertThat(grey(image, 8, 0)).isBetween(191, 192);
        assertThat(grey(image, 12, 0)).isEqualTo(128);
        assertThat(grey(image, 111, 111)).isEqualTo(128);
        assertThat(grey(decode(ExampleImages.perturbation(new float[784], layout, 0)), 50, 50)).isEqualTo(128);
    }

    @Test
    void examplesThatAreNotImagesHaveNoLayout() {
        assertThat(Layout.of(new long[] {20})).isNull();
        assertThat(Layout.of(new long[] {2, 8, 8})).isNull();
        assertThat(Layout.of(new long[] {28, 28})).isEqualTo(new Layout(1, 28, 28));
    }

    @Test
    void curveLabelsBecomeFolderNames() {
        assertThat(AdversarialGallery.slug("linf-pgd (L∞)")).isEqualTo("linf-pgd-linf");
        assertThat(AdversarialGallery.slug("l2-ddn (L2)")).isEqualTo("l2-ddn-l2");
    }

    /** Written as a PNG and read back, as the UI will see it. */
    private static BufferedImage decode(BufferedImage image) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "png", png)).isTrue();
        return ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
    }

    private static int grey(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }
}
