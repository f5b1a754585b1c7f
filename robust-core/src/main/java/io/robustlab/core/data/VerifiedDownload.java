package io.robustlab.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads a file only if its SHA-256 is the expected one: streamed to a temporary file next to the
 * target, hashed on the way, then atomically moved into place. A mismatch deletes the temporary file,
 * so a failed download never leaves a file behind that a later lookup would trust.
 */
final class VerifiedDownload {

    private VerifiedDownload() {
    }

    static void fetch(URI uri, String expectedSha256, Path target) {
        Path partial = null;
        try (HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build()) {
            Files.createDirectories(target.getParent());
            partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream body = response.body(); OutputStream out = Files.newOutputStream(partial)) {
                if (response.statusCode() != 200) {
                    throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
                }
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = body.read(buffer)) != -1; ) {
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (!actual.equalsIgnoreCase(expectedSha256)) {
                throw new CorruptDataException(uri, "SHA-256 mismatch: expected " + expectedSha256
                        + ", got " + actual + "; the download was discarded");
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
        } catch (IOException e) {
            throw new UncheckedIOException("downloading " + uri + " to " + target + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while downloading " + uri));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private static void deleteQuietly(Path partial) {
        if (partial != null) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the failure being reported matters more than a leftover .part file
            }
        }
    }
}
