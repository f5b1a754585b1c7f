package io.robustlab.core.command;

import io.robustlab.contracts.spec.InvalidSpecException;
import io.robustlab.contracts.spec.JobSpec;
import io.robustlab.contracts.spec.SpecCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the spec file a command is given, telling the user exactly what is wrong with it. */
final class SpecFile {

    /** Why a spec file could not be used, already printed, with the exit code the command returns. */
    static final class Unusable extends Exception {

        private final int exitCode;

        Unusable(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    private SpecFile() {
    }

    /**
     * The spec in {@code file}, of the given kind, with its defaults filled in.
     *
     * @throws Unusable after printing to {@code out} why not: unreadable ({@code usageExit}), invalid (every
     *                  violation with its field path) or of another kind ({@code invalidExit})
     */
    static <T extends JobSpec> T read(Path file, Class<T> kind, PrintStream out, int usageExit, int invalidExit)
            throws Unusable {
        JobSpec parsed;
        try (InputStream in = Files.newInputStream(file)) {
            parsed = SpecCodec.parse(in);
        } catch (InvalidSpecException e) {
            out.println(file + " is not a valid spec:");
            e.violations().forEach(violation -> out.println("  " + violation));
            throw new Unusable(invalidExit);
        } catch (IOException e) {
            out.println("cannot read " + file + ": " + e.getMessage());
            throw new Unusable(usageExit);
        }
        if (!kind.isInstance(parsed)) {
            out.println(file + " is a " + parsed.kind() + " spec; this command runs "
                    + kind.getSimpleName().replace("Spec", "") + " specs");
            throw new Unusable(invalidExit);
        }
        return kind.cast(parsed.withDefaults());
    }
}
