package io.robustlab.cli;

import io.robustlab.cli.client.RobustLabApi;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Option;

/** Where the API is and the key to send, for every command that talks to it. */
public final class ApiOptions {

    @Option(names = "--api-url", paramLabel = "URL", defaultValue = "${env:ROBUSTLAB_API_URL:-http://localhost:8080}",
            description = "The RobustLab API (env ROBUSTLAB_API_URL; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:ROBUSTLAB_API_KEY}",
            description = "The API key, sent as 'Authorization: Bearer KEY' (env ROBUSTLAB_API_KEY, preferred: "
                    + "a key on the command line shows in process lists).")
    String key;

    public RobustLabApi connect() {
        try {
            return new RobustLabApi(new URI(url.strip()), key);
        } catch (URISyntaxException e) {
            throw new CliException(Exit.USAGE, "the API URL '" + url + "' is not a URL: " + e.getReason()
                    + " (--api-url or ROBUSTLAB_API_URL)");
        }
    }
}
