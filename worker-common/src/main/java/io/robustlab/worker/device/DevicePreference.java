package io.robustlab.worker.device;

/** Where a worker asks to run its jobs ({@code robustlab.worker.device}). */
public enum DevicePreference {
    /** The GPU when the CUDA build of PyTorch and a GPU are both present, else the CPU. */
    AUTO,
    /** The CPU; a worker that would land on a GPU refuses to start. */
    CPU,
    /** The GPU; a worker without one refuses to start. */
    GPU
}
