package org.claimback.catalog;

/**
 * A catalogue failure meant for the user: the message is one sentence on one line that names the
 * file and says how to fix it. The {@link java.sql.SQLException}, if any, is kept as the cause
 * for {@code --debug}.
 */
public class CatalogException extends RuntimeException {

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
