package io.robustlab.cli;

/** Why a command stops, said to the user in a sentence, with the exit code that tells a script what happened. */
public class CliException extends RuntimeException {

    private final Exit exit;

    public CliException(Exit exit, String message) {
        super(message);
        this.exit = exit;
    }

    public CliException(Exit exit, String message, Throwable cause) {
        super(message, cause);
        this.exit = exit;
    }

    public Exit exit() {
        return exit;
    }
}
