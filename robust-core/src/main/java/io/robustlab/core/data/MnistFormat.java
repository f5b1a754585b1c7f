package io.robustlab.core.data;

import java.nio.file.Path;
import java.util.List;

/**
 * MNIST and Fashion-MNIST: four IDX files (gzipped or not) of 28×28 grey images and labels 0–9.
 * Pixels become float32 in [0,1] (byte / 255); anything beyond that belongs to the model.
 */
final class MnistFormat {

    static final int SIDE = 28;
    static final int CLASSES = 10;
    static final long[] SHAPE = {1, SIDE, SIDE};

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private MnistFormat() {
    }

    /** Loads the dataset kept in folders named {@code dataset} ({@code mnist} or {@code fashion-mnist}). */
    static Dataset load(String dataset, DataLocations locations) {
        var files = new RequiredFiles(dataset, "", List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS),
                true, "");
        List<Path> found = files.locate(locations, MnistFormat::download);
        return new Dataset(dataset, read(found.get(0), found.get(1)), read(found.get(2), found.get(3)));
    }

    static ExampleSet read(Path imagesFile, Path labelsFile) {
        IdxFile images = IdxFile.read(imagesFile, IdxFile.IMAGES_MAGIC);
        if (images.dimensions()[1] != SIDE || images.dimensions()[2] != SIDE) {
            throw new CorruptDataException(imagesFile, "holds " + images.dimensions()[1] + "×"
                    + images.dimensions()[2] + " images, expected " + SIDE + "×" + SIDE);
        }
        IdxFile labels = IdxFile.read(labelsFile, IdxFile.LABELS_MAGIC);
        if (labels.count() != images.count()) {
            throw new CorruptDataException(labelsFile, "holds " + labels.count() + " labels, but "
                    + imagesFile + " holds " + images.count() + " images");
        }
        return new ExampleSet(scaledPixels(images.data()), checkedLabels(labels), SHAPE, CLASSES);
    }

    /** Bytes 0..255 as float32 in [0,1]. */
    static float[] scaledPixels(byte[] bytes) {
        float[] pixels = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            pixels[i] = (bytes[i] & 0xFF) / 255f;
        }
        return pixels;
    }

    private static int[] checkedLabels(IdxFile file) {
        byte[] data = file.data();
        int[] labels = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            labels[i] = data[i] & 0xFF;
            if (labels[i] >= CLASSES) {
                throw new CorruptDataException(file.file(), "label " + labels[i] + " of example " + i
                        + " is outside 0.." + (CLASSES - 1));
            }
        }
        return labels;
    }

    private static void download(Path folder, List<String> missing, DownloadSource source) {
        for (String name : missing) {
            String gz = name + ".gz";
            VerifiedDownload.fetch(source.uriOf(gz), source.sha256Of(gz), folder.resolve(gz));
        }
    }
}
