/**
 * The engine: builds claimback's object graph by hand from a config (no framework), and holds
 * the steps both programs share, such as making sure the repository is there before a backup.
 *
 * <p>The CLI and the agent each open one {@link org.claimback.engine.Engine} and close it when
 * they are done. It never prints; it logs through slf4j.
 */
package org.claimback.engine;
