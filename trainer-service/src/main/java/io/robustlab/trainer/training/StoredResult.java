package io.robustlab.trainer.training;

import io.robustlab.artifacts.ArtifactStore;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.WorkerEvent.Artifact;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.contracts.spec.TrainSpec;
import io.robustlab.worker.job.JobContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model and model card an earlier run of the same attempt already stored, found again when the attempt's
 * message comes back after the job finished (the outbox publishing twice, the broker redelivering after the final
 * event). Reporting these instead of training and storing again keeps a finished job's artifacts byte for byte.
 *
 * <p>The result is complete when the attempt's {@code model-card.json} is there, reads as a card of this spec
 * (same spec hash) with a metric for every epoch, and {@code model/model.json} is there too: the card is stored
 * last, after every model file, and each store write is atomic, so a run that ended part way never leaves a card.
 */
final class StoredResult {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StoredResult() {
    }

    /**
     * The artifacts of this attempt's finished result, as the run that stored them reported them (model files
     * sorted, then the card), with sizes and SHA-256 read from the store; empty when the attempt has not finished.
     */
    static Optional<List<Artifact>> find(JobContext context, TrainSpec spec, Function<String, String> contentType)
            throws IOException {
        ArtifactStore store = context.store();
        String prefix = context.artifactPrefix();
        String cardKey = prefix + ModelCard.FILE;
        if (store.size(cardKey).isEmpty()
                || store.size(prefix + JobMessage.MODEL_DESCRIPTION).isEmpty()
                || !describes(store, cardKey, spec)) {
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>(store.list(prefix + JobMessage.MODEL_FOLDER));
        keys.add(cardKey);
        List<Artifact> artifacts = new ArrayList<>();
        for (String key : keys) {
            String name = key.substring(prefix.length());
            artifacts.add(new Artifact(name, key, store.size(key).orElseThrow(() -> new IOException(key
                    + " disappeared from the store")), sha256(store, key), contentType.apply(name)));
        }
        return Optional.of(artifacts);
    }

    private static boolean describes(ArtifactStore store, String cardKey, TrainSpec spec) throws IOException {
        JsonNode card;
        try (InputStream in = store.open(cardKey)) {
            card = JSON.readTree(in);
        } catch (JacksonException e) {
            return false; // not a card this code wrote: train and store again, as before
        }
        return SpecCodec.specHash(spec).equals(card.path("specHash").asString(""))
                && card.path("epochs").size() == spec.epochs();
    }

    private static String sha256(ArtifactStore store, String key) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = store.open(key);
                OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            in.transferTo(sink);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
