/**
 * Repository access: makes sure restic runs and the configured repository is there before a
 * backup or restore starts, creating a local repository on first use and never a remote one.
 *
 * <p>It must stay cheap: the common path costs no extra restic call that derives a key.
 */
package org.claimback.repository;
