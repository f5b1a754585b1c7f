package io.robustlab.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Small data files written by tests, in the formats the loaders read. */
final class TestDataFiles {

    private TestDataFiles() {
    }

    /** Pixel {@code k} of image {@code i} in the generated MNIST-like files. */
    static int pixel(int i, int k) {
        return (i + k * 3) % 256;
    }

    /** Label of example {@code i} in the generated files. */
    static int label(int i) {
        return (i * 3 + 1) % 10;
    }

    /** The four MNIST files with {@code train} and {@code test} examples, gzipped or not. */
    static Path mnistFolder(Path folder, int train, int test, boolean gzip) {
        write(folder.resolve(name(MnistFormat.TRAIN_IMAGES, gzip)), images(train), gzip);
        write(folder.resolve(name(MnistFormat.TRAIN_LABELS, gzip)), labels(train), gzip);
        write(folder.resolve(name(MnistFormat.TEST_IMAGES, gzip)), images(test), gzip);
        write(folder.resolve(name(MnistFormat.TEST_LABELS, gzip)), labels(test), gzip);
        return folder;
    }

    static String name(String file, boolean gzip) {
        return gzip ? file + ".gz" : file;
    }

    static byte[] images(int count) {
        byte[] data = new byte[count * 784];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < 784; k++) {
                data[i * 784 + k] = (byte) pixel(i, k);
            }
        }
        return idx(IdxFile.IMAGES_MAGIC, new int[] {count, 28, 28}, data);
    }

    static byte[] labels(int count) {
        byte[] data = new byte[count];
        for (int i = 0; i < count; i++) {
            data[i] = (byte) label(i);
        }
        return idx(IdxFile.LABELS_MAGIC, new int[] {count}, data);
    }

    static byte[] idx(int magic, int[] dimensions, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length).putInt(magic);
        for (int size : dimensions) {
            buffer.putInt(size);
        }
        return buffer.put(data).array();
    }

    /** A CIFAR-10 batch whose record {@code r} has label {@code (first + r) % 10} and channel {@code c}'s pixel {@code p} = (r + 11c + p) mod 256. */
    static byte[] cifarBatch(int records, int firstLabel) {
        byte[] bytes = new byte[records * Cifar10Binary.RECORD];
        for (int r = 0; r < records; r++) {
            bytes[r * Cifar10Binary.RECORD] = (byte) ((firstLabel + r) % 10);
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 1024; p++) {
                    bytes[r * Cifar10Binary.RECORD + 1 + c * 1024 + p] = (byte) cifarPixel(r, c, p);
                }
            }
        }
        return bytes;
    }

    static int cifarPixel(int record, int channel, int position) {
        return (record + 11 * channel + position) % 256;
    }

    /** All six CIFAR-10 batches, {@code records} records each. */
    static Path cifarFolder(Path folder, int records) {
        for (int b = 0; b < Cifar10Binary.BATCHES.size(); b++) {
            write(folder.resolve(Cifar10Binary.BATCHES.get(b)), cifarBatch(records, b), false);
        }
        return folder;
    }

    static void write(Path file, byte[] content, boolean gzip) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, gzip ? gzip(content) : content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] content) {
        var bytes = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A tar archive of regular files, with POSIX ustar headers or old GNU ones. */
    static byte[] tar(Map<String, byte[]> files, boolean posix) {
        var out = new ByteArrayOutputStream();
        files.forEach((name, content) -> {
            byte[] header = new byte[512];
            put(header, 0, name);
            put(header, 100, "0000644");
            put(header, 108, "0000000");
            put(header, 116, "0000000");
            put(header, 124, String.format("%011o", content.length));
            put(header, 136, "00000000000");
            header[156] = '0';
            if (posix) {
                put(header, 257, "ustar");
                put(header, 263, "00");
            } else {
                put(header, 257, "ustar  ");
            }
            Arrays.fill(header, 148, 156, (byte) ' ');
            long sum = 0;
            for (byte b : header) {
                sum += b & 0xFF;
            }
            put(header, 148, String.format("%06o", sum));
            out.writeBytes(header);
            out.writeBytes(content);
            out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        });
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
