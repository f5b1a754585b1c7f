package io.robustlab.standalone;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What the standalone platform is told before any Spring context exists: read from the environment
 * ({@code ROBUSTLAB_…}) or the same-named system properties ({@code -Drobustlab.…}).
 *
 * @param home        everything kept between runs: {@code postgres/}, {@code broker/}, {@code artifacts/},
 *                    {@code work/}, {@code djl-cache/} ({@code ROBUSTLAB_HOME}, default {@code ~/.robustlab})
 * @param apiAddress  the address the API and web UI listen on ({@code ROBUSTLAB_API_ADDRESS}, default
 *                    {@code 127.0.0.1}: with authentication off nobody else must reach it)
 * @param apiPort     ({@code ROBUSTLAB_API_PORT}, default 8080)
 * @param authEnabled API keys required ({@code ROBUSTLAB_AUTH_ENABLED}, default false: one user on one machine)
 */
record StandaloneSettings(Path home, String apiAddress, int apiPort, boolean authEnabled) {

    static StandaloneSettings from(Map<String, String> environment, Properties properties) {
        Path home = Path.of(value(environment, properties, "ROBUSTLAB_HOME",
                Path.of(properties.getProperty("user.home"), ".robustlab").toString())).toAbsolutePath();
        String address = value(environment, properties, "ROBUSTLAB_API_ADDRESS", "127.0.0.1");
        String port = value(environment, properties, "ROBUSTLAB_API_PORT", "8080");
        int apiPort;
        try {
            apiPort = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ROBUSTLAB_API_PORT must be a port number, was '" + port + "'");
        }
        if (apiPort < 1 || apiPort > 65535) {
            throw new IllegalArgumentException("ROBUSTLAB_API_PORT must be between 1 and 65535, was " + apiPort);
        }
        String auth = value(environment, properties, "ROBUSTLAB_AUTH_ENABLED", "false").trim();
        if (!auth.equalsIgnoreCase("true") && !auth.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("ROBUSTLAB_AUTH_ENABLED must be true or false, was '" + auth + "'");
        }
        return new StandaloneSettings(home, address, apiPort, Boolean.parseBoolean(auth));
    }

    /** The environment variable, else the system property named like it ({@code ROBUSTLAB_API_PORT} → {@code robustlab.api.port}). */
    private static String value(Map<String, String> environment, Properties properties, String variable,
            String fallback) {
        String fromEnvironment = environment.get(variable);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        return properties.getProperty(variable.toLowerCase(java.util.Locale.ROOT).replace('_', '.'), fallback);
    }

    Path database() {
        return home.resolve("postgres");
    }

    Path broker() {
        return home.resolve("broker");
    }

    Path artifacts() {
        return home.resolve("artifacts");
    }

    Path work() {
        return home.resolve("work");
    }

    Path djlCache() {
        return home.resolve("djl-cache");
    }

    /** How a browser on this machine reaches the API. */
    String url() {
        String host = apiAddress.equals("0.0.0.0") || apiAddress.equals("::") ? "127.0.0.1" : apiAddress;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + apiPort + "/";
    }
}
