package io.robustlab.cli.client;

import io.robustlab.cli.CliException;
import io.robustlab.cli.Exit;

/** The API refused a request: exit code {@link Exit#API_ERROR}, with the problem it reported. */
public class ApiException extends CliException {

    private final ApiProblem problem;

    ApiException(String request, ApiProblem problem) {
        super(Exit.API_ERROR, request + ": " + problem.describe() + hint(problem));
        this.problem = problem;
    }

    public ApiProblem problem() {
        return problem;
    }

    private static String hint(ApiProblem problem) {
        return switch (problem.status()) {
            case 401 -> System.lineSeparator()
                    + "  send a valid API key with --api-key or the environment variable ROBUSTLAB_API_KEY";
            case 403 -> System.lineSeparator() + "  this API key is not allowed to do that";
            default -> "";
        };
    }
}
