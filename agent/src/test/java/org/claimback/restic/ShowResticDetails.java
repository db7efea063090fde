package org.claimback.restic;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/** A test that dies of a {@link ResticException} shows the command and restic's stderr. */
final class ShowResticDetails implements TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        if (t instanceof ResticException e) {
            throw new AssertionError(e.details(), e);
        }
        throw t;
    }
}
