/**
 * The {@code claimback} command line: one thin picocli class per verb and noun. Each parses its
 * options, opens the engine, calls it, and prints through {@code spec.commandLine().getOut()}
 * (tables for people, {@code --json} for scripts; shapes in {@link org.claimback.cli.json}).
 *
 * <p>Commands never catch errors to print them: {@link org.claimback.cli.ErrorHandler} turns every
 * failure into one line on stderr and a documented exit code, with a stack trace only under
 * {@code --debug}.
 */
package org.claimback.cli;
