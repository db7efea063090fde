/**
 * What {@code claimback restore} selects, shows and asks: which claims {@code --all} and
 * {@code --namespace} mean, the plan and results tables, the confirmation question.
 *
 * <p>Never restores, chooses snapshots or targets (the agent's {@code restore} package does), and
 * never prints to stdout under {@code --json} except the one JSON document.
 */
package org.claimback.cli.restore;
