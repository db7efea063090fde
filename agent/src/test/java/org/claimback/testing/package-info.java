/**
 * Test fixtures shared by the agent's and the CLI's tests: real directory trees with owners,
 * modes, links and xattrs ({@link org.claimback.testing.VolumeTrees}), exports laid out like a
 * provisioner would ({@link org.claimback.testing.TestExport}), a manifest that compares two trees
 * attribute for attribute ({@link org.claimback.testing.TreeManifest}), and the two real restic
 * versions ({@code ResticBinaries}).
 */
package org.claimback.testing;
