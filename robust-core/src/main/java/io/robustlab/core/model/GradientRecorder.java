package io.robustlab.core.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A DJL {@code GradientCollector} that waits its turn. DJL's PyTorch engine allows one open collector per JVM, not
 * per thread, and throws if a second one opens; the standalone platform runs a training job and an attack job in
 * the same JVM, so every collector of this library is opened through here and the gradient passes of concurrent
 * jobs take turns instead of failing.
 *
 * <p>Numbers inside a recording go through {@link #scalar}, never through DJL's number overloads
 * ({@code x.mul(0.5f)}, {@code x.maximum(0f)}, {@code x.div(2.0)}, ...). Those wrap the number in a Java direct
 * buffer that PyTorch does not own ({@code torch::from_blob}) and close it straight after the operation, while
 * autograd keeps that tensor for the backward pass (multiplication, division, maximum, ... read it there): a garbage
 * collection between forward and backward frees the buffer, and the backward pass reads freed memory. The gradient
 * then comes out scaled or masked by whatever the memory holds, so results depend on when the collector ran.
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

    /**
     * A float32 scalar, in memory PyTorch allocates and owns, for an operation inside a recording: autograd may keep
     * it for the backward pass, and it stays valid as long as autograd needs it.
     */
    public static NDArray scalar(NDManager manager, float value) {
        return manager.full(new Shape(), value);
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
