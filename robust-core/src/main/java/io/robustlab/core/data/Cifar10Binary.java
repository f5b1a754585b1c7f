package io.robustlab.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CIFAR-10, binary version (Krizhevsky 2009, "Learning multiple layers of features from tiny images"):
 * the folder {@code cifar-10-batches-bin} with {@code data_batch_1..5.bin} (training) and
 * {@code test_batch.bin}, each 10000 records of one label byte and 3072 pixel bytes: the 1024 red,
 * then green, then blue values of a 32×32 image, rows first. That is channel-height-width order, so
 * records are copied as they are into examples of shape {@code [3, 32, 32]}, scaled to [0,1].
 */
final class Cifar10Binary {

    private static final Logger log = LoggerFactory.getLogger(Cifar10Binary.class);

    static final String DATASET = "cifar10";
    static final String ARCHIVE = "cifar-10-binary.tar.gz";
    static final String FOLDER = "cifar-10-batches-bin";
    static final List<String> BATCHES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin");
    static final int RECORDS_PER_BATCH = 10_000;
    static final int PIXELS = 3 * 32 * 32;
    static final int RECORD = 1 + PIXELS;
    static final long[] SHAPE = {3, 32, 32};
    static final int CLASSES = 10;

    private Cifar10Binary() {
    }

    static Dataset load(DataLocations locations) {
        return load(locations, RECORDS_PER_BATCH);
    }

    /** As {@link #load(DataLocations)}, with batches of another size (tests use small ones). */
    static Dataset load(DataLocations locations, int recordsPerBatch) {
        var files = new RequiredFiles(DATASET, FOLDER, BATCHES, false,
                "Unpacking " + ARCHIVE + " in " + locations.dataDirectory().resolve(DATASET) + " creates that folder.");
        List<Path> found = files.locate(locations, Cifar10Binary::download);
        return new Dataset(DATASET, read(found.subList(0, 5), recordsPerBatch), read(found.subList(5, 6), recordsPerBatch));
    }

    static ExampleSet read(List<Path> batches, int recordsPerBatch) {
        int records = Math.multiplyExact(batches.size(), recordsPerBatch);
        float[] pixels = new float[Math.multiplyExact(records, PIXELS)];
        int[] labels = new int[records];
        int example = 0;
        for (Path batch : batches) {
            byte[] bytes = readBatch(batch, recordsPerBatch);
            for (int r = 0; r < recordsPerBatch; r++, example++) {
                int at = r * RECORD;
                labels[example] = bytes[at] & 0xFF;
                if (labels[example] >= CLASSES) {
                    throw new CorruptDataException(batch, "label " + labels[example] + " of record " + r
                            + " is outside 0.." + (CLASSES - 1));
                }
                for (int k = 0; k < PIXELS; k++) {
                    pixels[example * PIXELS + k] = (bytes[at + 1 + k] & 0xFF) / 255f;
                }
            }
        }
        return new ExampleSet(pixels, labels, SHAPE, CLASSES);
    }

    private static byte[] readBatch(Path batch, int recordsPerBatch) {
        long expected = (long) recordsPerBatch * RECORD;
        try {
            long size = Files.size(batch);
            if (size == expected) {
                byte[] bytes = Files.readAllBytes(batch);
                if (bytes.length == expected) {
                    return bytes;
                }
                size = bytes.length;
            }
            throw new CorruptDataException(batch, "holds " + size + " bytes, expected " + expected + " ("
                    + recordsPerBatch + " records of 1 label byte and " + PIXELS + " pixel bytes)"
                    + (size % RECORD == 0 ? "" : "; it ends inside record " + size / RECORD));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + batch + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Downloads the archive into a fresh hidden folder next to {@code folder}, unpacks it there, moves the
     * missing batches into {@code folder}, then deletes the hidden folder with the archive in it. Nothing
     * is shared between two processes downloading at once, and each batch appears in one atomic move.
     */
    private static void download(Path folder, List<String> missing, DownloadSource source) {
        Path staging = null;
        try {
            Files.createDirectories(folder.getParent());
            staging = Files.createTempDirectory(folder.getParent(), ".download-");
            Path archive = staging.resolve(ARCHIVE);
            VerifiedDownload.fetch(source.uriOf(ARCHIVE), source.sha256Of(ARCHIVE), archive);
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16))) {
                UstarArchive.extract(in, staging, source.uriOf(ARCHIVE));
            } catch (EOFException | ZipException e) {
                throw new CorruptDataException(source.uriOf(ARCHIVE),
                        "truncated or damaged gzip data (" + e.getMessage() + ")", e);
            }
            Path unpacked = staging.resolve(FOLDER);
            for (String name : missing) {
                if (!Files.isRegularFile(unpacked.resolve(name))) {
                    throw new CorruptDataException(source.uriOf(ARCHIVE), "does not contain " + FOLDER + "/" + name);
                }
            }
            Files.createDirectories(folder);
            for (String name : missing) {
                Files.move(unpacked.resolve(name), folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unpacking " + ARCHIVE + " into " + folder + " failed: " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover hidden folder is harmless; the outcome of the download is what gets reported
            log.warn("Could not delete {}: {}", root, e.getMessage());
        }
    }
}
