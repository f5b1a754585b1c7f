package io.robustlab.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a benchmark's figures depend on besides the code: the engine, its threads and the machine's load. */
final class Machine {

    private Machine() {
    }

    /** Engine, cores, PyTorch's intra-op threads and the load average. */
    static String describe() {
        Engine engine = Engine.getInstance();
        return engine.getEngineName() + " " + engine.getVersion() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, " + JniUtils.getNumThreads() + " intra-op threads, load average " + loadAverage();
    }

    /** The 1, 5 and 15 minute load averages (other processes share the cores), or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
