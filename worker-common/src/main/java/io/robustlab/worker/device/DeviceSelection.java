package io.robustlab.worker.device;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.JniUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the device at start-up and loads the engine, so the first job does not pay for it. The training and
 * evaluation code runs on the engine's default device (the first GPU when the CUDA build sees one), so a choice
 * that disagrees with it cannot be honoured and stops the worker with what to change instead.
 */
public final class DeviceSelection {

    private static final Logger log = LoggerFactory.getLogger(DeviceSelection.class);
    private static final String ENGINE = "PyTorch";

    private DeviceSelection() {
    }

    /**
     * Loads PyTorch (offline unless {@code ai.djl.offline} says otherwise), sets its thread count when
     * {@code threads > 0}, and chooses the device.
     *
     * @throws IllegalStateException when the preference cannot be met on this machine
     */
    public static ComputeDevice select(DevicePreference preference, int threads) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true"); // native PyTorch comes from a jar, never a download
        }
        Engine engine = Engine.getEngine(ENGINE);
        if (threads > 0) {
            JniUtils.setNumThreads(threads);
        }
        boolean cuda = engine.hasCapability(StandardCapabilities.CUDA);
        int gpus = cuda ? engine.getGpuCount() : 0;
        String device = choose(preference, cuda, gpus);
        ComputeDevice chosen = new ComputeDevice(device, JniUtils.getNumThreads(), ENGINE + " " + engine.getVersion());
        log.info("device {} ({} requested; CUDA build: {}, GPUs: {}), {} threads, {}", chosen.device(), preference,
                cuda, gpus, chosen.threads(), chosen.engine());
        return chosen;
    }

    /** The device for a preference, given whether the engine is the CUDA build and how many GPUs it sees. */
    static String choose(DevicePreference preference, boolean cudaBuild, int gpus) {
        boolean gpuAvailable = cudaBuild && gpus > 0;
        return switch (preference) {
            case AUTO -> gpuAvailable ? "gpu(0)" : "cpu";
            case GPU -> {
                if (!gpuAvailable) {
                    throw new IllegalStateException("robustlab.worker.device=gpu, but " + (cudaBuild
                            ? "the CUDA build of PyTorch sees no GPU"
                            : "this worker has the CPU build of PyTorch (use the GPU image)"));
                }
                yield "gpu(0)";
            }
            case CPU -> {
                if (gpuAvailable) {
                    throw new IllegalStateException("robustlab.worker.device=cpu, but the CUDA build of PyTorch "
                            + "sees " + gpus + " GPU(s) and jobs run on the engine's default device: hide them "
                            + "(CUDA_VISIBLE_DEVICES=) or use the CPU image");
                }
                yield "cpu";
            }
        };
    }
}
