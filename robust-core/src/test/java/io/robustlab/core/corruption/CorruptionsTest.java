package io.robustlab.core.corruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.core.data.ExampleSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorruptionsTest {

    private static final List<String> EXPECTED = List.of("gaussian-noise", "shot-noise", "impulse-noise",
            "speckle-noise", "gaussian-blur", "defocus-blur", "motion-blur", "zoom-blur", "pixelate", "jpeg",
            "contrast", "brightness", "elastic-transform");

    @Test
    void catalogueHoldsTheThirteenCorruptionsByName() {
        assertThat(Corruptions.NAMES).containsExactlyElementsOf(EXPECTED);
        assertThat(Corruptions.all()).extracting(Corruption::name).containsExactlyElementsOf(EXPECTED);
        for (String name : EXPECTED) {
            assertThat(Corruptions.named(name).name()).isEqualTo(name);
        }
        assertThat(Corruptions.all()).filteredOn(Corruption::isRandom).extracting(Corruption::name)
                .containsExactly("gaussian-noise", "shot-noise", "impulse-noise", "speckle-noise", "motion-blur",
                        "elastic-transform");
    }

    @Test
    void unknownNameIsRejectedWithTheKnownNames() {
        assertThatThrownBy(() -> Corruptions.named("fog"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown corruption 'fog'; known: gaussian-noise, shot-noise")
                .hasMessageContaining(String.join(", ", EXPECTED));
        assertThatThrownBy(() -> Corruptions.named(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("known: ");
    }

    @Test
    void severitiesOutsideOneToFiveAreRejected() {
        float[] image = TestImages.scene(TestImages.GRAY, 1);
        var examples = new ExampleSet(image, new int[] {0}, new long[] {1, 28, 28}, 10);
        for (Corruption corruption : Corruptions.all()) {
            for (int severity : new int[] {0, 6, -1}) {
                String message = "severity must be 1 to 5, was " + severity;
                assertThatThrownBy(() -> corruption.apply(image, TestImages.GRAY, severity, 1L, 0))
                        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
                assertThatThrownBy(() -> corruption.apply(examples, severity, 1L))
                        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
                assertThatThrownBy(() -> corruption.parameters(severity))
                        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
            }
            for (int severity = 1; severity <= 5; severity++) {
                assertThat(corruption.parameters(severity)).as(corruption.name()).isNotBlank();
            }
        }
    }

    @Test
    void imagesMustMatchTheirShape() {
        Corruption blur = Corruptions.named("gaussian-blur");
        assertThatThrownBy(() -> blur.apply(new float[100], TestImages.GRAY, 1, 1L, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image holds 100 values, but shape").hasMessageContaining("needs 784");
        assertThatThrownBy(() -> new ImageShape(2, 28, 28)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 (grayscale) or 3 (RGB) channels, not 2");
        assertThatThrownBy(() -> new ImageShape(1, 0, 28)).isInstanceOf(IllegalArgumentException.class);
        var vectors = new ExampleSet(new float[20], new int[] {0, 1}, new long[] {10}, 2);
        assertThatThrownBy(() -> blur.apply(vectors, 1, 1L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[channels, height, width]").hasMessageContaining("[10]");
    }

    @Test
    void exampleRandomDependsOnEveryPartOfItsKey() {
        long reference = Corruptions.exampleRandom(1, "jpeg", 3, 7).nextLong();
        assertThat(Corruptions.exampleRandom(1, "jpeg", 3, 7).nextLong()).isEqualTo(reference);
        assertThat(List.of(
                Corruptions.exampleRandom(2, "jpeg", 3, 7).nextLong(),
                Corruptions.exampleRandom(1, "pixelate", 3, 7).nextLong(),
                Corruptions.exampleRandom(1, "jpeg", 4, 7).nextLong(),
                Corruptions.exampleRandom(1, "jpeg", 3, 8).nextLong()))
                .doesNotContain(reference).doesNotHaveDuplicates();
    }
}
