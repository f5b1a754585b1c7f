package io.robustlab.e2e;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;

/**
 * Gives tests the one {@link Platform} of the run: started before the first test that needs it, closed when
 * the whole run ends (it lives in the root context's store), and described — each service's log file and last lines
 * — whenever a test fails.
 */
final class PlatformExtension implements BeforeEachCallback, ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Platform.class);
    /** A platform that could not start is not tried again by every test class. */
    private static volatile RuntimeException startFailure;

    /** Before each test, not each class: a test skipped for a missing service is then reported as skipped. */
    @Override
    public void beforeEach(ExtensionContext context) {
        platform(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Platform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return platform(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Platform platform = context.getRoot().getStore(NAMESPACE).get(Platform.class, Platform.class);
        if (platform != null) {
            System.err.println("[e2e] " + context.getDisplayName() + " failed: " + cause
                    + "\n[e2e] the services of run " + platform.run() + ":" + platform.describeServices());
        }
    }

    private static Platform platform(ExtensionContext context) {
        if (startFailure != null) {
            throw startFailure;
        }
        try {
            return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Platform.class, type -> Platform.start(),
                    Platform.class);
        } catch (RuntimeException e) {
            startFailure = e;
            System.err.println("[e2e] " + (e instanceof TestAbortedException ? "every end-to-end test is skipped: "
                    : "the platform did not start: ") + e.getMessage());
            throw e;
        }
    }
}
