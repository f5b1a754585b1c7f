package io.robustlab.core.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A DJL {@code GradientCollector} that waits its turn. DJL's PyTorch engine allows one open collector per JVM, not
 * per thread, and throws if a second one opens; the standalone platform runs a training job and an attack job in
 * the same JVM, so every collector of this library is opened through here and the gradient passes of concurrent
 * jobs take turns instead of failing.
 */
public final class GradientRecorder implements AutoCloseable {

    private static final ReentrantLock TURN = new ReentrantLock();

    private final GradientCollector collector;

    private GradientRecorder(GradientCollector collector) {
        this.collector = collector;
    }

    /** Opens a collector once no other thread holds one; close it in the same thread. */
    public static GradientRecorder open(Engine engine) {
        TURN.lock();
        try {
            return new GradientRecorder(engine.newGradientCollector());
        } catch (RuntimeException | Error e) {
            TURN.unlock();
            throw e;
        }
    }

    public void backward(NDArray target) {
        collector.backward(target);
    }

    @Override
    public void close() {
        try {
            collector.close();
        } finally {
            TURN.unlock();
        }
    }
}
