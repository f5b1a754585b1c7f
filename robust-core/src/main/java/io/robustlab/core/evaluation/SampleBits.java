package io.robustlab.core.evaluation;

import java.util.Base64;
import java.util.BitSet;

/** Per-sample sets as they travel in the result JSON: base64 of {@link BitSet#toByteArray()} (little-endian bits). */
public final class SampleBits {

    private SampleBits() {
    }

    public static String encode(BitSet bits) {
        return Base64.getEncoder().encodeToString(bits.toByteArray());
    }

    public static BitSet decode(String base64) {
        return BitSet.valueOf(Base64.getDecoder().decode(base64));
    }
}
