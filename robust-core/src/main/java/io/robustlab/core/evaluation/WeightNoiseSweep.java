package io.robustlab.core.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.robustlab.contracts.spec.WeightNoiseSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Accuracy under Gaussian noise on the parameters relative to each one's magnitude, w ← w + σ·|w|·N(0,1), as on
 * analogue hardware (Büchel, Faber and Muir 2021, "Network insensitivity to parameter noise via adversarial
 * regularization"). Each σ is drawn {@code draws} times, each draw from a stream of (seed, σ index, draw); the
 * original parameters are put back byte for byte afterwards, also when the run fails or is cancelled.
 */
final class WeightNoiseSweep {

    private WeightNoiseSweep() {
    }

    static List<WeightNoiseRow> run(SweepContext context, WeightNoiseSpec spec) {
        List<NDArray> parameters = context.batches.network.parameterArrays();
        List<ByteBuffer> originals = new ArrayList<>();
        for (NDArray parameter : parameters) {
            if (parameter.getDataType() != DataType.FLOAT32) {
                throw new IllegalStateException("weight noise needs float32 parameters, found "
                        + parameter.getDataType());
            }
            ByteBuffer bytes = parameter.toByteBuffer();
            ByteBuffer copy = ByteBuffer.allocateDirect(bytes.remaining()).order(ByteOrder.nativeOrder());
            copy.put(bytes).flip();
            originals.add(copy);
        }
        List<WeightNoiseRow> rows = new ArrayList<>();
        try {
            for (int s = 0; s < spec.sigmas().size(); s++) {
                double sigma = spec.sigmas().get(s);
                double[] accuracies = new double[spec.draws()];
                for (int draw = 0; draw < spec.draws(); draw++) {
                    context.checkCancelled();
                    SplittableRandom random = context.random(-2, s, draw);
                    for (int p = 0; p < parameters.size(); p++) {
                        float[] values = floats(originals.get(p));
                        for (int j = 0; j < values.length; j++) {
                            values[j] += (float) (sigma * Math.abs(values[j]) * random.nextGaussian());
                        }
                        parameters.get(p).set(FloatBuffer.wrap(values));
                    }
                    accuracies[draw] = accuracy(context);
                }
                rows.add(row(sigma, accuracies));
                context.listener.weightNoiseRow(rows.getLast());
                context.workDone(1);
            }
        } finally {
            for (int p = 0; p < parameters.size(); p++) {
                parameters.get(p).set(originals.get(p).duplicate().order(ByteOrder.nativeOrder()));
            }
        }
        return rows;
    }

    private static float[] floats(ByteBuffer bytes) {
        FloatBuffer view = bytes.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer();
        float[] values = new float[view.remaining()];
        view.get(values);
        return values;
    }

    private static double accuracy(SweepContext context) {
        SampleBatches batches = context.batches;
        int[] predicted = batches.predict(batches.samples.features(), batches.size());
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == batches.label(i) ? 1 : 0;
        }
        return (double) correct / predicted.length;
    }

    private static WeightNoiseRow row(double sigma, double[] accuracies) {
        double mean = java.util.Arrays.stream(accuracies).average().orElse(Double.NaN);
        double variance = java.util.Arrays.stream(accuracies).map(a -> (a - mean) * (a - mean)).average().orElse(0);
        return new WeightNoiseRow(sigma, accuracies, mean, Math.sqrt(variance));
    }
}
