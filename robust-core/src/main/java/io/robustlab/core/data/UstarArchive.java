package io.robustlab.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of a tar reader (POSIX ustar and old GNU headers) to unpack a dataset archive:
 * regular files and directories are extracted, GNU long names honoured, links and pax headers
 * skipped. Header checksums are verified and no entry may land outside the target folder.
 */
final class UstarArchive {

    private static final int BLOCK = 512;

    private UstarArchive() {
    }

    /**
     * Extracts the archive read from {@code tar} into {@code target}; returns the regular files written.
     *
     * @param source names the archive in error messages
     */
    static List<Path> extract(InputStream tar, Path target, Object source) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        List<Path> written = new ArrayList<>();
        String longName = null;
        byte[] header = new byte[BLOCK];
        while (true) {
            if (tar.readNBytes(header, 0, BLOCK) < BLOCK) {
                throw new CorruptDataException(source, "truncated tar archive: it ends without an end-of-archive block");
            }
            if (isZero(header)) {
                return written;
            }
            verifyChecksum(header, source);
            long size = octal(header, 124, 12, source);
            char type = (char) header[156];
            String name = longName != null ? longName : entryName(header);
            longName = null;
            switch (type) {
                case 'L' -> longName = new String(readData(tar, size, source), StandardCharsets.UTF_8).replace("\0", "");
                case '0', '\0' -> {
                    Path file = inside(root, name, source);
                    Files.createDirectories(file.getParent());
                    try (OutputStream out = Files.newOutputStream(file)) {
                        copy(tar, out, size, source);
                    }
                    skipPadding(tar, size, source);
                    written.add(file);
                }
                case '5' -> Files.createDirectories(inside(root, name, source));
                default -> skip(tar, size, source); // links, devices, pax headers: nothing a dataset needs
            }
        }
    }

    private static String entryName(byte[] header) {
        String name = text(header, 0, 100);
        boolean posix = "ustar".equals(text(header, 257, 6)); // old GNU headers keep other fields there
        String prefix = posix ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static Path inside(Path root, String name, Object source) {
        Path path = root.resolve(name).normalize();
        if (name.startsWith("/") || !path.startsWith(root) || path.equals(root)) {
            throw new CorruptDataException(source, "tar entry '" + name + "' points outside the folder it is unpacked in");
        }
        return path;
    }

    private static void verifyChecksum(byte[] header, Object source) {
        long stored = octal(header, 148, 8, source);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xFF;
        }
        if (sum != stored) {
            throw new CorruptDataException(source, "damaged tar header: checksum " + stored + ", computed " + sum);
        }
    }

    private static long octal(byte[] header, int offset, int length, Object source) {
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            int c = header[i] & 0xFF;
            if (c == 0 || (c == ' ' && value > 0)) {
                break;
            }
            if (c == ' ') {
                continue;
            }
            if (c < '0' || c > '7') {
                throw new CorruptDataException(source, "damaged tar header: '" + text(header, offset, length)
                        + "' is not an octal number");
            }
            value = value * 8 + (c - '0');
        }
        return value;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readData(InputStream tar, long size, Object source) throws IOException {
        if (size > 1 << 20) {
            throw new CorruptDataException(source, "tar entry name of " + size + " bytes");
        }
        byte[] data = tar.readNBytes((int) size);
        if (data.length < size) {
            throw new CorruptDataException(source, "truncated tar archive");
        }
        skipPadding(tar, size, source);
        return data;
    }

    private static void copy(InputStream tar, OutputStream out, long size, Object source) throws IOException {
        byte[] buffer = new byte[1 << 16];
        for (long left = size; left > 0; ) {
            int n = tar.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new CorruptDataException(source, "truncated tar archive: an entry ends early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream tar, long size, Object source) throws IOException {
        copy(tar, OutputStream.nullOutputStream(), size, source);
        skipPadding(tar, size, source);
    }

    private static void skipPadding(InputStream tar, long size, Object source) throws IOException {
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        if (tar.readNBytes(padding).length < padding) {
            throw new CorruptDataException(source, "truncated tar archive: padding missing");
        }
    }
}
