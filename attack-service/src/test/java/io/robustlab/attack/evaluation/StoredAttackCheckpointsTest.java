package io.robustlab.attack.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.artifacts.FileSystemArtifactStore;
import io.robustlab.artifacts.ArtifactStore;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.WorkerEvent.Artifact;
import io.robustlab.contracts.message.WorkerEvent.Payload;
import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.contracts.spec.SpecCodec;
import io.robustlab.core.evaluation.AttackCost;
import io.robustlab.core.evaluation.AttackOutcome;
import io.robustlab.core.evaluation.RobustnessCurve;
import io.robustlab.worker.device.ComputeDevice;
import io.robustlab.worker.job.JobContext;
import io.robustlab.worker.job.JobFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack checkpoints of a job in the store: each attack's newest attempt wins, an attack is restored with its
 * gallery samples, a half-stored one (gallery without checkpoint) does not count, another evaluation's is refused.
 */
class StoredAttackCheckpointsTest {

    private static final EvaluateSpec SPEC = (EvaluateSpec) SpecCodec.parse("""
            {"apiVersion": "robustlab/v1", "kind": "Evaluate", "model": {"path": "unused"},
             "dataset": {"name": "fashion-mnist"}, "samples": 8,
             "attacks": [{"name": "fgsm"}, {"name": "linf-pgd"}, {"name": "l2-ddn"}],
             "epsilons": [{"values": [0, 0.1]}]}""").withDefaults();

    @TempDir
    Path temp;

    /** A job context of one attempt, storing into {@code store}; nothing else is used. */
    private record Attempt(JobMessage message, int attempt, ArtifactStore store, Path workDirectory)
            implements JobContext {

        @Override
        public String runId() {
            return "run-" + attempt;
        }

        @Override
        public String workerId() {
            return "test";
        }

        @Override
        public ComputeDevice device() {
            return new ComputeDevice("cpu", 1, "PyTorch");
        }

        @Override
        public boolean redelivered() {
            return false;
        }

        @Override
        public String artifactPrefix() {
            return "jobs/" + message.jobId() + "/attempt-" + attempt + "/";
        }

        @Override
        public Artifact upload(String name, Path file, String contentType) throws IOException {
            store.put(artifactPrefix() + name, file, contentType);
            return new Artifact(name, artifactPrefix() + name, Files.size(file), null, contentType);
        }

        @Override
        public boolean stopRequested() {
            return false;
        }

        @Override
        public boolean resumesLater() {
            return false;
        }

        @Override
        public void progress(double percent, String phase, Double etaSeconds, Double samplesPerSecond) {
        }

        @Override
        public void report(Payload payload) {
        }
    }

    private static AttackOutcome outcome(AttackSpec attack, double seconds) {
        RobustnessCurve curve = new RobustnessCurve(attack.curveLabel(), attack.name(), "L∞",
                RobustnessCurve.FIXED_BUDGET, 8, "/w==", new double[] {1, 0.5}, List.of("", "Dw=="), null);
        return new AttackOutcome(curve, new AttackCost(attack.curveLabel(), seconds, 8, 8, 8, 8));
    }

    @Test
    void eachAttackComesFromItsNewestAttemptWithItsGallery() throws Exception {
        FileSystemArtifactStore store = new FileSystemArtifactStore(temp.resolve("store"));
        JobMessage job = new JobMessage(UUID.randomUUID().toString(), 1, SPEC, null);
        AttackSpec fgsm = SPEC.attacks().get(0);
        AttackSpec pgd = SPEC.attacks().get(1);

        AdversarialGallery first = new AdversarialGallery(4);
        first.counted(fgsm.curveLabel(), 0.1, 3, new float[] {0.5f});
        new StoredAttackCheckpoints(new Attempt(job, 1, store, temp.resolve("a")), temp.resolve("a/evaluation"),
                first).attackFinished("evaluation-1", 0, fgsm, outcome(fgsm, 1.0));
        AdversarialGallery second = new AdversarialGallery(4);
        second.counted(fgsm.curveLabel(), 0.1, 5, new float[] {0.25f});
        second.counted(pgd.curveLabel(), 0.1, 6, new float[] {0.75f});
        StoredAttackCheckpoints attempt2 = new StoredAttackCheckpoints(new Attempt(job, 2, store, temp.resolve("b")),
                temp.resolve("b/evaluation"), second);
        attempt2.attackFinished("evaluation-1", 0, fgsm, outcome(fgsm, 2.0));
        attempt2.attackFinished("evaluation-1", 1, pgd, outcome(pgd, 3.0));
        // Attempt 3 stored the gallery of DDN but was killed before its checkpoint.
        store.put("jobs/" + job.jobId() + "/attempt-3/evaluation/attack-02.gallery.json",
                Files.writeString(temp.resolve("g.json"), "[]"), "application/json");

        AdversarialGallery restoredGallery = new AdversarialGallery(4);
        StoredAttackCheckpoints restored = new StoredAttackCheckpoints(
                new Attempt(job, 3, store, temp.resolve("c")), temp.resolve("c/evaluation"), restoredGallery);
        assertThat(restored.restore()).isEqualTo(2);

        Optional<AttackOutcome> keptFgsm = restored.finished("evaluation-1", 0, fgsm);
        assertThat(keptFgsm).as("attempt 2's FGSM").hasValueSatisfying(o -> assertThat(o.cost().seconds())
                .isEqualTo(2.0));
        assertThat(restored.finished("evaluation-1", 1, pgd)).hasValueSatisfying(o ->
                assertThat(o.curve().broken()).containsExactly("", "Dw=="));
        assertThat(restored.finished("evaluation-1", 2, SPEC.attacks().get(2))).isEmpty();
        assertThat(restoredGallery.kept(fgsm.curveLabel())).singleElement().satisfies(k -> {
            assertThat(k.sample()).isEqualTo(5);
            assertThat(k.adversarial()).containsExactly(0.25f);
        });
        assertThat(restoredGallery.kept(pgd.curveLabel())).extracting(AdversarialGallery.Kept::sample)
                .containsExactly(6);

        assertThatThrownBy(() -> restored.finished("evaluation-2", 0, fgsm)).isInstanceOf(JobFailure.class)
                .hasMessageContaining("does not fit its evaluation").hasMessageContaining("attack-00.json")
                .satisfies(e -> assertThat(((JobFailure) e).retryable()).isFalse());
    }
}
