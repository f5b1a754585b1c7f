package io.robustlab.api.testing;

/** Facts about where the tests run. */
public final class TestEnvironment {

    private TestEnvironment() {
    }

    /** Under {@code CI=true} nothing may be skipped: a missing service fails the run. */
    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
