package io.robustlab.core.corruption;

/** How a filter reads outside the image, named as in OpenCV and SciPy, whose behaviour the tables were made with. */
enum Border {
    /** {@code a a | a b c d | d d}: SciPy's {@code nearest}, ImageMagick's edge pixels. */
    EDGE {
        @Override
        int index(int i, int n) {
            return i < 0 ? 0 : (i >= n ? n - 1 : i);
        }
    },
    /** {@code b a | a b c d | d c}: SciPy's {@code reflect}. */
    REFLECT {
        @Override
        int index(int i, int n) {
            int j = Math.floorMod(i, 2 * n);
            return j < n ? j : 2 * n - 1 - j;
        }
    },
    /** {@code c b | a b c d | c b}: OpenCV's {@code BORDER_REFLECT_101}. */
    MIRROR {
        @Override
        int index(int i, int n) {
            if (n == 1) {
                return 0;
            }
            int j = Math.floorMod(i, 2 * n - 2);
            return j < n ? j : 2 * n - 2 - j;
        }
    };

    /** The index inside {@code [0, n)} that position {@code i} reads. */
    abstract int index(int i, int n);

    /** {@code map[j] = index(j - pad, n)} for {@code j} in {@code [0, n + 2*pad)}. */
    int[] padded(int n, int pad) {
        int[] map = new int[n + 2 * pad];
        for (int j = 0; j < map.length; j++) {
            map[j] = index(j - pad, n);
        }
        return map;
    }
}
