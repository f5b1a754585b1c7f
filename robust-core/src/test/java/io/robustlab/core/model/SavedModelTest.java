package io.robustlab.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.robustlab.contracts.spec.ActivationSpec;
import io.robustlab.contracts.spec.ModelSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

class SavedModelTest {

    static final ModelSpec LENET_MAXOUT = new ModelSpec("lenet", null, 1, null,
            new ActivationSpec("maxout", null, null, null, 2), "softmax-cross-entropy");

    @TempDir
    Path folder;

    @Test
    void aLoadedModelPredictsBitForBitLikeTheSavedOne() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Network saved = Network.build(LENET_MAXOUT, new long[] {1, 28, 28}, 10, manager);
            saved.initialize(new SplittableRandom(3));
            SavedModel.save(saved, folder);

            Network loaded = SavedModel.load(folder, manager);
            NDArray inputs = manager.randomUniform(0, 1, new Shape(4, 1, 28, 28));

            assertThat(loaded.logits(inputs, false).toFloatArray())
                    .isEqualTo(saved.logits(inputs, false).toFloatArray());
            assertThat(loaded.parameterNames()).isEqualTo(saved.parameterNames());
            assertThat(folder.resolve("model-0000.params")).exists();
            SavedModel.Description description = SavedModel.describe(folder);
            assertThat(description.model()).isEqualTo(LENET_MAXOUT);
            assertThat(description.parameterCount()).isEqualTo(saved.parameterCount());
            assertThat(description.layers().get(1).type()).isEqualTo("maxout");
        }
    }

    @Test
    void weightsNpzHoldsEveryParameterAsLittleEndianFloat32NumpyArrays() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = Network.build(LENET_MAXOUT, new long[] {1, 28, 28}, 10, manager);
            network.initialize(new SplittableRandom(3));
            SavedModel.save(network, folder);

            Map<String, NpyArray> arrays = readNpz(folder.resolve("weights.npz"));

            assertThat(arrays.keySet()).containsExactlyElementsOf(network.parameterNames());
            List<NDArray> parameters = network.parameterArrays();
            for (int i = 0; i < parameters.size(); i++) {
                NpyArray array = arrays.get(network.parameterNames().get(i));
                assertThat(array.shape()).isEqualTo(parameters.get(i).getShape().getShape());
                assertThat(array.values()).isEqualTo(parameters.get(i).toFloatArray());
            }
            assertThat(arrays.get("layers.7.weight").shape()).containsExactly(128, 196);
        }
    }

    record NpyArray(long[] shape, float[] values) {
    }

    static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '<f4', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), ?}\\s*\n");

    /** Reads a .npz the way numpy.load does: zip entries NAME.npy, each with the NPY v1.0 header. */
    static Map<String, NpyArray> readNpz(Path file) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                assertThat(entry.getName()).endsWith(".npy");
                ByteBuffer bytes = ByteBuffer.wrap(zip.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
                byte[] magic = new byte[6];
                bytes.get(magic);
                assertThat(magic).isEqualTo(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'});
                assertThat(new byte[] {bytes.get(), bytes.get()}).containsExactly(1, 0);
                int headerLength = Short.toUnsignedInt(bytes.getShort());
                assertThat((10 + headerLength) % 64).isZero();
                byte[] header = new byte[headerLength];
                bytes.get(header);
                Matcher matcher = HEADER.matcher(new String(header, StandardCharsets.US_ASCII));
                assertThat(matcher.matches()).as(new String(header, StandardCharsets.US_ASCII)).isTrue();
                long[] shape = java.util.Arrays.stream(matcher.group(1).split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
                float[] values = new float[bytes.remaining() / 4];
                bytes.asFloatBuffer().get(values);
                assertThat((long) values.length).isEqualTo(java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b));
                arrays.put(entry.getName().substring(0, entry.getName().length() - 4), new NpyArray(shape, values));
            }
        }
        return arrays;
    }
}
