package io.robustlab.core.corruption;

import java.util.Arrays;

/**
 * The shape of one image, channels first: value {@code (c, y, x)} sits at {@code (c*height + y)*width + x}.
 *
 * @param channels 1 (grayscale) or 3 (RGB)
 * @param height   rows, at least 1
 * @param width    columns, at least 1
 */
public record ImageShape(int channels, int height, int width) {

    public ImageShape {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("corruptions work on 1 (grayscale) or 3 (RGB) channels, not " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("height and width must be at least 1, were " + height + "x" + width);
        }
    }

    /** The shape an {@link io.robustlab.core.data.ExampleSet} gives for its images: {@code [C, H, W]}. */
    public static ImageShape of(long[] exampleShape) {
        if (exampleShape.length != 3) {
            throw new IllegalArgumentException("corruptions need image examples shaped [channels, height, width], not "
                    + Arrays.toString(exampleShape));
        }
        return new ImageShape(Math.toIntExact(exampleShape[0]), Math.toIntExact(exampleShape[1]),
                Math.toIntExact(exampleShape[2]));
    }

    /** Values in one channel: {@code height * width}. */
    public int plane() {
        return height * width;
    }

    /** Values in the image: {@code channels * height * width}. */
    public int size() {
        return channels * height * width;
    }
}
