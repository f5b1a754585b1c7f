package io.robustlab.core.data;

import static org.junit.jupiter.api.Assertions.fail;

import io.robustlab.contracts.spec.DatasetSpec;
import org.junit.jupiter.api.Assumptions;

/**
 * Real datasets for integration tests, from the system folders (Debian's {@code dataset-fashion-mnist}) or
 * {@code ROBUSTLAB_DATA_DIR}. Where one is missing the test is skipped with the reason, except in CI
 * ({@code CI=true}), where the absence fails the test: a missing dataset never passes silently there.
 */
public final class InstalledDatasets {

    private InstalledDatasets() {
    }

    /** Loads the dataset {@code spec} names, or skips (fails under CI) when its files are not installed. */
    public static Dataset loadOrSkip(DatasetSpec spec) {
        try {
            return Datasets.load(spec, DataLocations.fromEnvironment().withDownloads(false, DownloadSource.official()));
        } catch (DatasetNotFoundException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and " + spec.name() + " is not installed (for Fashion-MNIST: apt-get install "
                        + "dataset-fashion-mnist): " + e.getMessage(), e);
            }
            Assumptions.abort(spec.name() + " is not installed, skipping: " + e.getMessage());
            throw e; // not reached: abort throws
        }
    }
}
