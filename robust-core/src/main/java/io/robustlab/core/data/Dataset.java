package io.robustlab.core.data;

/**
 * A dataset loaded for one job: its training and test splits, already subset as the spec asked.
 *
 * @param name  the spec name, e.g. {@code fashion-mnist}
 * @param train the training split
 * @param test  the test split
 */
public record Dataset(String name, ExampleSet train, ExampleSet test) {

    public int classes() {
        return train.classes();
    }

    public long[] exampleShape() {
        return train.exampleShape();
    }
}
