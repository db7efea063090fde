package org.claimback.inventory;

import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;

/**
 * An inventory file that can't be used: one line that names the file, says what is wrong with it
 * and how to fix it, e.g. {@code inventory /root/pvs.json: not JSON (line 3, column 5): ...}.
 * Exit code 2, like a bad config: the input is wrong, not claimback.
 */
public final class InventoryException extends UserError {
    private static final long serialVersionUID = 1L;

    InventoryException(String message) {
        super(ExitCode.USAGE, message);
    }

    InventoryException(String message, Throwable cause) {
        super(ExitCode.USAGE, message, cause);
    }
}
