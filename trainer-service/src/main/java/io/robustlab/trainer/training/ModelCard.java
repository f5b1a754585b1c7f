package io.robustlab.trainer.training;

import io.robustlab.core.train.EpochMetrics;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What {@code model-card.json}, stored beside a trained model, says about it: what was trained, how well, by which
 * code, on what.
 *
 * @param format            {@value #FORMAT}
 * @param formatVersion     {@value #FORMAT_VERSION}
 * @param jobId             the train job
 * @param attempt           the attempt that finished it
 * @param runId             the run that finished it
 * @param specHash          the spec's hash
 * @param spec              the spec, defaults filled in
 * @param parameterCount    trainable scalars
 * @param epochs            every epoch's metrics, first to last, those before a resume included
 * @param resumedAfterEpoch the finished epochs of the checkpoint the finishing run started from, null when it
 *                          trained from scratch
 * @param resumedAtBatch    when that checkpoint was written mid-epoch (its worker was shut down): the batches of
 *                          the next epoch it held; null otherwise
 * @param device            {@code cpu} or {@code gpu(0)}
 * @param threads           the engine's intra-op threads
 * @param engine            engine and version
 * @param workerId          the worker that finished it
 * @param codeVersion       the RobustLab build that finished it
 * @param createdAt         when
 */
record ModelCard(String format, int formatVersion, String jobId, int attempt, String runId, String specHash,
        JsonNode spec, long parameterCount, List<EpochMetrics> epochs, Integer resumedAfterEpoch, Integer resumedAtBatch,
        String device,
        int threads, String engine, String workerId, String codeVersion, Instant createdAt) {

    static final String FORMAT = "robustlab-model-card";
    static final int FORMAT_VERSION = 2;
    static final String FILE = "model-card.json";
}
