package io.robustlab.core.corruption;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The image quantised to 8 bits, encoded as a baseline JPEG at the given quality by the JDK's encoder (IJG
 * quality scaling of the standard tables, like Pillow's; chroma 4:2:0 for RGB) and decoded back; quality from
 * ImageNet-C (as MNIST-C uses it).
 */
final class JpegCompression extends BoundedCorruption {

    static final int[] QUALITY = {25, 18, 15, 10, 7};

    /** ImageIO's writers and readers are not thread-safe, and costly to look up: one pair per thread. */
    private static final ThreadLocal<Codec> CODEC = ThreadLocal.withInitial(Codec::new);

    JpegCompression() {
        super("jpeg", false);
    }

    @Override
    void corrupt(float[] image, float[] out, ImageShape shape, int severity, SplittableRandom random) {
        roundTrip(image, out, shape, QUALITY[severity - 1]);
    }

    @Override
    String describe(int severity) {
        return "quality=" + QUALITY[severity - 1];
    }

    /** {@code image} encoded at {@code quality} (1–100) and decoded into {@code out}. */
    static void roundTrip(float[] image, float[] out, ImageShape shape, int quality) {
        CODEC.get().roundTrip(image, out, shape, quality);
    }

    private static final class Codec {

        private final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        private final ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        private final ImageWriteParam parameters = writer.getDefaultWriteParam();
        private final ByteArrayOutputStream encoded = new ByteArrayOutputStream();

        Codec() {
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        }

        void roundTrip(float[] image, float[] out, ImageShape shape, int quality) {
            int h = shape.height();
            int w = shape.width();
            int channels = shape.channels();
            int plane = shape.plane();
            // rasters hold pixel-interleaved samples in band order R, G, B (or one gray band)
            int[] samples = new int[image.length];
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    samples[p * channels + c] = Math.clamp(Math.round(image[c * plane + p] * 255f), 0, 255);
                }
            }
            var picture = new BufferedImage(w, h,
                    channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
            picture.getRaster().setPixels(0, 0, w, h, samples);
            parameters.setCompressionQuality(quality / 100f);
            encoded.reset();
            try {
                try (ImageOutputStream stream = new MemoryCacheImageOutputStream(encoded)) {
                    writer.setOutput(stream);
                    writer.write(null, new IIOImage(picture, null, null), parameters);
                } finally {
                    writer.setOutput(null);
                }
                try (ImageInputStream stream = new MemoryCacheImageInputStream(
                        new ByteArrayInputStream(encoded.toByteArray()))) {
                    reader.setInput(stream, true, true);
                    reader.read(0).getRaster().getPixels(0, 0, w, h, samples);
                } finally {
                    reader.setInput(null);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("JPEG round trip in memory failed", e);
            }
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    out[c * plane + p] = samples[p * channels + c] / 255f;
                }
            }
        }
    }
}
