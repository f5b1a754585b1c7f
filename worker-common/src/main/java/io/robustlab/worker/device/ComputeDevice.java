package io.robustlab.worker.device;

/**
 * What a worker runs its jobs on, as reported in {@code started} and in model cards.
 *
 * @param device  {@code cpu} or {@code gpu(0)}
 * @param threads intra-op threads of the engine
 * @param engine  engine and version, e.g. {@code PyTorch 2.7.1}
 */
public record ComputeDevice(String device, int threads, String engine) {
}
