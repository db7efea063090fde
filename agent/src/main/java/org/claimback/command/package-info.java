/**
 * What every command claimback runs on the operator's behalf (hooks, dump producers) shares: its
 * environment, without the repository's secrets ({@link org.claimback.command.CommandEnvironment}),
 * and how it is stopped with everything it started ({@link org.claimback.command.ProcessTree}).
 *
 * <p>Must never: hand such a command restic's password file, repository, cloud credentials or
 * anything named like a secret.
 */
package org.claimback.command;
