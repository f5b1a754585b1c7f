package io.robustlab.cli.gate;

/**
 * One threshold and what the job measured against it.
 *
 * @param name     what is checked, e.g. {@code robust accuracy at ε = 0.1 (worst-case (all attacks))}
 * @param required the least accuracy that passes
 * @param measured what the job measured; null when it measured nothing there (no sample counted): a failure
 * @param samples  how many samples the measurement is over
 * @param source   where the number comes from, e.g. {@code curve worst-case (all attacks), ε = 0}
 */
public record GateCheck(String name, double required, Double measured, int samples, String source) {

    public boolean passed() {
        return measured != null && measured >= required;
    }
}
