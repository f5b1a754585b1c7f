package io.robustlab.core.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.robustlab.core.model.GradientRecorder;
import io.robustlab.core.model.Network;
import java.util.Arrays;

/**
 * Counts the samples whose loss gradient with respect to the input is all zero or not finite: gradient attacks
 * cannot move them, so their robustness would be an artefact (saturated or masked gradients).
 */
final class InputGradients {

    private InputGradients() {
    }

    static int degenerateCount(SampleBatches batches) {
        int degenerate = 0;
        int d = batches.featureCount;
        Network network = batches.network;
        int[] all = new int[batches.size()];
        Arrays.setAll(all, i -> i);
        for (int start = 0; start < all.length; start += batches.batchSize) {
            int n = Math.min(batches.batchSize, all.length - start);
            float[] gradient;
            try (NDManager work = batches.manager.newSubManager(); Network.Frozen frozen = network.freeze()) {
                NDArray x = batches.array(work, batches.gather(Arrays.copyOfRange(all, start, start + n)), n);
                NDArray labels = work.create(Arrays.stream(all, start, start + n).mapToLong(batches::label).toArray());
                x.setRequiresGradient(true);
                try (GradientRecorder recorder = GradientRecorder.open(work.getEngine())) {
                    recorder.backward(network.loss(network.logits(x, false), labels));
                }
                gradient = x.getGradient().toFloatArray();
            }
            for (int i = 0; i < n; i++) {
                boolean allZero = true;
                boolean finite = true;
                for (int j = i * d; j < (i + 1) * d; j++) {
                    allZero &= gradient[j] == 0f;
                    finite &= Float.isFinite(gradient[j]);
                }
                if (allZero || !finite) {
                    degenerate++;
                }
            }
        }
        return degenerate;
    }
}
