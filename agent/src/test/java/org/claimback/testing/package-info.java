/**
 * Test fixtures shared by the agent's and the CLI's tests: real directory trees with owners,
 * modes, links and xattrs ({@link org.claimback.testing.VolumeTrees}), exports laid out like a
 * provisioner would ({@link org.claimback.testing.TestExport}), a manifest that compares two trees
 * attribute for attribute ({@link org.claimback.testing.TreeManifest}), the two real restic
 * versions ({@code ResticBinaries}) and plain restic as an operator runs it
 * ({@link org.claimback.testing.PlainRestic}), and real servers on loopback for remote repositories:
 * OpenSSH for sftp ({@link org.claimback.testing.SshdServer}) and s3proxy for S3
 * ({@link org.claimback.testing.S3Server}), each started as its own process with generated keys,
 * stoppable mid-run and restartable on the same port with the same data.
 */
package org.claimback.testing;
