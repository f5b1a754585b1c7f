package io.robustlab.core.corruption;

/** Bilinear interpolation of one channel at real coordinates, reading outside it as a {@link Border} says. */
final class Bilinear {

    private Bilinear() {
    }

    /** Channel value at row {@code y}, column {@code x}; the channel starts at {@code base} in {@code image}. */
    static float sample(float[] image, int base, int height, int width, double y, double x, Border border) {
        double fy = Math.floor(y);
        double fx = Math.floor(x);
        int y0 = (int) fy;
        int x0 = (int) fx;
        double ty = y - fy;
        double tx = x - fx;
        int r0;
        int r1;
        int c0;
        int c1;
        if (y0 >= 0 && y0 + 1 < height && x0 >= 0 && x0 + 1 < width) {
            // inside, as most samples are: no border rule to consult
            r0 = base + y0 * width;
            r1 = r0 + width;
            c0 = x0;
            c1 = x0 + 1;
        } else {
            r0 = base + border.index(y0, height) * width;
            r1 = base + border.index(y0 + 1, height) * width;
            c0 = border.index(x0, width);
            c1 = border.index(x0 + 1, width);
        }
        double top = image[r0 + c0] + tx * (image[r0 + c1] - image[r0 + c0]);
        double bottom = image[r1 + c0] + tx * (image[r1 + c1] - image[r1 + c0]);
        return (float) (top + ty * (bottom - top));
    }
}
