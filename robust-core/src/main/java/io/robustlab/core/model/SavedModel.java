package io.robustlab.core.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;

import io.robustlab.contracts.spec.ModelSpec;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A trained network on disk, one folder:
 * <ul>
 *   <li>{@code model-0000.params}: DJL's parameter file ({@code Model.save}), loadable with {@link #load};</li>
 *   <li>{@code weights.npz}: one float32 array per parameter, named {@code layers.<index>.weight|bias}, in PyTorch
 *       layout (linear weights out×in, conv weights out×in×kh×kw), readable by {@code numpy.load};</li>
 *   <li>{@code model.json}: the model spec, example shape, classes, and the layer list with parameter names and
 *       shapes, enough to rebuild the network in NumPy or PyTorch.</li>
 * </ul>
 */
public final class SavedModel {

    public static final String FORMAT = "robustlab-model";
    public static final int FORMAT_VERSION = 1;
    public static final String DESCRIPTION_FILE = "model.json";
    public static final String NUMPY_FILE = "weights.npz";
    static final String DJL_NAME = "model";
    static final String DJL_FILE = "model-0000.params";

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** What {@code model.json} holds. */
    public record Description(String format, int formatVersion, ModelSpec model, long[] exampleShape, int classes,
            long parameterCount, Map<String, String> files, List<LayerDescription> layers) {
    }

    private SavedModel() {
    }

    /** Writes the network into {@code folder}, which must be absent or empty (DJL numbers its files). */
    public static void save(Network network, Path folder) throws IOException {
        Files.createDirectories(folder);
        try (var entries = Files.list(folder)) {
            if (entries.findAny().isPresent()) {
                throw new IOException("model folder is not empty: " + folder);
            }
        }
        try (Model model = Model.newInstance(DJL_NAME)) {
            model.setBlock(network.block());
            model.setProperty("Epoch", "0");
            model.save(folder, DJL_NAME);
        }
        try (OutputStream out = Files.newOutputStream(folder.resolve(NUMPY_FILE))) {
            writeNpz(network, out);
        }
        Description description = new Description(FORMAT, FORMAT_VERSION, network.spec(), network.exampleShape(),
                network.classes(), network.parameterCount(), Map.of("djl", DJL_FILE, "numpy", NUMPY_FILE),
                network.layers());
        JSON.writeValue(folder.resolve(DESCRIPTION_FILE).toFile(), description);
    }

    /** Writes the parameters as a NumPy {@code .npz} archive (a zip of {@code .npy} files, '&lt;f4', C order). */
    public static void writeNpz(Network network, OutputStream out) throws IOException {
        List<NDArray> arrays = network.parameterArrays();
        try (NDManager scratch = arrays.getFirst().getManager().newSubManager()) {
            NDList named = new NDList();
            for (int i = 0; i < arrays.size(); i++) {
                NDArray copy = arrays.get(i).duplicate();
                copy.attach(scratch);
                copy.setName(network.parameterNames().get(i));
                named.add(copy);
            }
            named.encode(out, NDList.Encoding.NPZ);
        }
    }

    /** Reads {@code model.json} of a saved model. */
    public static Description describe(Path folder) throws IOException {
        return JSON.readValue(folder.resolve(DESCRIPTION_FILE).toFile(), Description.class);
    }

    /** Rebuilds a saved network with its parameters allocated in {@code manager}. */
    public static Network load(Path folder, NDManager manager) throws IOException {
        Description description = describe(folder);
        if (!FORMAT.equals(description.format()) || description.formatVersion() != FORMAT_VERSION) {
            throw new IOException("not a " + FORMAT + " v" + FORMAT_VERSION + " folder: " + folder);
        }
        Network network = Network.build(description.model(), description.exampleShape(), description.classes(),
                manager);
        SequentialBlock loaded = Architectures.layers(description.model(), description.exampleShape(),
                description.classes()).block();
        try (Model model = Model.newInstance(DJL_NAME)) {
            model.setBlock(loaded);
            model.load(folder, DJL_NAME);
            network.setParameters(Network.parameterArraysOf(loaded));
        } catch (MalformedModelException e) {
            throw new IOException("unreadable DJL parameters in " + folder, e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return network;
    }
}
