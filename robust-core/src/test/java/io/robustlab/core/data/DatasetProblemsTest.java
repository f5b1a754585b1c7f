package io.robustlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatasetProblemsTest {

    @Test
    void eachProblemSaysWhatIsWrongAndOnWhichWorker() {
        assertThat(DatasetProblems.describe("mnist", "gpu-node-3", new DatasetNotFoundException("mnist", "no train-images")))
                .isEqualTo("dataset mnist is not installed on worker gpu-node-3: no train-images");
        CorruptDataException damaged = new CorruptDataException("train-images-idx3-ubyte.gz", "bad magic");
        assertThat(DatasetProblems.describe("mnist", "gpu-node-3", damaged))
                .isEqualTo("the mnist files on worker gpu-node-3 are damaged: " + damaged.getMessage());
        assertThat(DatasetProblems.describe("mnist", "gpu-node-3", new IllegalArgumentException("only 10000 test")))
                .isEqualTo("dataset mnist: only 10000 test");
    }
}
