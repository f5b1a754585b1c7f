package io.robustlab.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An IDX file of unsigned bytes (the format MNIST and Fashion-MNIST ship in), gzipped or not: a
 * big-endian magic number {@code 0x000008nn} with {@code nn} dimensions, the dimension sizes as
 * big-endian ints, then exactly their product in bytes. Anything else is a {@link CorruptDataException}.
 *
 * @param file       where it was read from
 * @param dimensions the declared sizes, e.g. {@code [60000, 28, 28]}
 * @param data       the values, row-major
 */
record IdxFile(Path file, int[] dimensions, byte[] data) {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private static final int UNSIGNED_BYTE_MAGIC = 0x00000800;
    private static final int BUFFER = 1 << 16;

    /** Reads the whole file, which must carry the given magic number (its last byte is the dimension count). */
    static IdxFile read(Path file, int magic) {
        try (InputStream in = open(file)) {
            int actualMagic = ByteBuffer.wrap(readFully(in, 4, file, "the magic number")).getInt();
            if (actualMagic != magic) {
                throw new CorruptDataException(file, String.format(
                        "not an IDX file with %d dimension(s): magic number 0x%08x, expected 0x%08x%s",
                        magic & 0xFF, actualMagic, magic,
                        (actualMagic & 0xFFFFFF00) == UNSIGNED_BYTE_MAGIC ? "" : " (not IDX unsigned bytes)"));
            }
            int[] dimensions = new int[magic & 0xFF];
            ByteBuffer sizes = ByteBuffer.wrap(readFully(in, 4 * dimensions.length, file, "the dimension sizes"));
            long length = 1;
            for (int i = 0; i < dimensions.length; i++) {
                dimensions[i] = sizes.getInt();
                if (dimensions[i] < 0) {
                    throw new CorruptDataException(file, "dimension " + i + " has negative size " + dimensions[i]);
                }
                length *= dimensions[i];
                if (length > Integer.MAX_VALUE - 8) {
                    throw new CorruptDataException(file, "declares sizes " + Arrays.toString(dimensions)
                            + ", more than 2 GB of data");
                }
            }
            // readNBytes(int) grows its buffer as data arrives, so a lying header cannot allocate gigabytes.
            byte[] data = in.readNBytes((int) length);
            if (data.length < length) {
                throw new CorruptDataException(file, "truncated: the header declares sizes "
                        + Arrays.toString(dimensions) + ", " + length + " bytes of data, but only "
                        + data.length + " follow");
            }
            if (in.read() != -1) {
                throw new CorruptDataException(file, "more data follows the " + length
                        + " bytes declared by sizes " + Arrays.toString(dimensions));
            }
            return new IdxFile(file, dimensions, data);
        } catch (EOFException | ZipException e) {
            throw new CorruptDataException(file, "truncated or damaged gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + " failed: " + e.getMessage(), e);
        }
    }

    int count() {
        return dimensions[0];
    }

    /** Gzip is recognised by its content, not its name; a {@code .gz} that is not gzip is an error. */
    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            if (gzip) {
                return new GZIPInputStream(in, BUFFER);
            }
            if (file.getFileName().toString().endsWith(".gz")) {
                throw new CorruptDataException(file, "named .gz but does not hold gzip data");
            }
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static byte[] readFully(InputStream in, int count, Path file, String what) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length < count) {
            throw new CorruptDataException(file, "truncated: the file ends inside " + what);
        }
        return bytes;
    }
}
