package io.robustlab.core.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's autograd recording off for the current thread until closed, then restores it.
 *
 * <p>Grad mode is per thread in PyTorch and on by default; DJL turns it off only in the thread that loads the
 * engine. Training and evaluation open {@code GradientCollector}s where they need gradients and must run with it
 * off elsewhere in any thread (a worker's listener thread, say): otherwise every forward pass records a graph and
 * in-place parameter updates fail on leaves that require gradients.
 */
public final class NoGradScope implements AutoCloseable {

    private final boolean previous;

    public NoGradScope() {
        Engine.getEngine("PyTorch"); // loads the native library before the first JNI call
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
