package io.robustlab.worker;

import io.robustlab.worker.device.DevicePreference;
import io.robustlab.worker.job.RetryPolicy;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a worker runs jobs ({@code robustlab.worker}).
 *
 * @param id                names this worker in events and logs; default: host name and process id
 * @param concurrency       jobs run at once (one consumer each, prefetch 1)
 * @param heartbeatInterval time between heartbeats of a running job; the API's lease watchdog relies on them
 * @param progressInterval  the least time between two progress events of a job; at least 2 s
 * @param device            {@code auto}, {@code cpu} or {@code gpu}
 * @param threads           the engine's intra-op threads; 0 keeps the engine's default (the number of cores)
 * @param workDirectory     where runs keep their local files; default: a folder in the temporary directory
 * @param shutdownTimeout   how long stopping waits for running jobs to stop and return their messages
 * @param retry             how failures that may pass (broker, storage) are tried again
 */
@ConfigurationProperties("robustlab.worker")
public record WorkerProperties(
        String id,
        @DefaultValue("1") int concurrency,
        @DefaultValue("20s") Duration heartbeatInterval,
        @DefaultValue("5s") Duration progressInterval,
        @DefaultValue("auto") DevicePreference device,
        @DefaultValue("0") int threads,
        Path workDirectory,
        @DefaultValue("60s") Duration shutdownTimeout,
        @DefaultValue RetryPolicy retry) {

    static final Duration MIN_PROGRESS_INTERVAL = Duration.ofSeconds(2);

    public WorkerProperties {
        if (id == null || id.isBlank()) {
            id = defaultId();
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("robustlab.worker.concurrency must be at least 1, was " + concurrency);
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("robustlab.worker.heartbeat-interval must be positive");
        }
        if (progressInterval.compareTo(MIN_PROGRESS_INTERVAL) < 0) {
            throw new IllegalArgumentException("robustlab.worker.progress-interval must be at least 2s, was "
                    + progressInterval);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("robustlab.worker.threads must be 0 (engine default) or more");
        }
        if (workDirectory == null) {
            workDirectory = Path.of(System.getProperty("java.io.tmpdir"), "robustlab-worker");
        }
    }

    private static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "worker";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
