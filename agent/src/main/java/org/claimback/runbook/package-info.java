/**
 * The disaster-recovery runbook: a Markdown document written from the catalogue for a person who
 * has lost the NFS server. It says how to rebuild the server (password, config, install, catalogue
 * rebuild), how to restore everything with claimback, and per namespace and claim: the latest good
 * snapshot, the last drill, the claimback command, the plain restic commands that do the same
 * without claimback (owner and mode of the volume root included), and a planned static PV.
 *
 * <p>It only reads: writing a runbook never creates a directory, runs restic or changes the
 * catalogue. It never prints the repository password or a repository URL's credentials.
 */
package org.claimback.runbook;
