/**
 * Hooks: the commands a claim's {@code hooks:} config runs on the NFS server around a backup of its
 * volume ({@code before}, {@code after}, {@code onError}). {@link org.claimback.hooks.HookRunner}
 * runs one command and says what it did in a {@link org.claimback.hooks.HookResult}; the backup
 * engine decides when each phase runs and what a failure means.
 *
 * <h2>What it owns</h2>
 * <ul>
 *   <li>The child's environment: the agent's, minus every variable that may carry a backup secret
 *       ({@code RESTIC_*}, {@code AWS_*}, {@code B2_*}, {@code AZURE_*}, {@code GOOGLE_*},
 *       {@code OS_*}, {@code ST_*}) and any inherited {@code CLAIMBACK_*}, plus
 *       {@code CLAIMBACK_NAMESPACE}, {@code _CLAIM}, {@code _CLAIM_KEY}, {@code _VOLUME_DIR},
 *       {@code _RUN_ID}, {@code _PHASE} (and {@code _ERROR} for onError, set by the caller).</li>
 *   <li>The child's life: started under util-linux {@code setsid}, so it leads a process group of
 *       its own; stdin is {@code /dev/null}; stdout and stderr are merged, each line logged to the
 *       slf4j logger {@code hook} as "PHASE hook LABEL: line", the last 20 lines (300 characters
 *       each) kept for the run. On timeout or when the calling thread is interrupted, the command,
 *       its descendants and its process group get SIGTERM, then SIGKILL 5 s later
 *       ({@link org.claimback.command.ProcessTree}). A process the hook leaves running after it
 *       exited normally is left alone; its output is no longer waited for after 2 s.</li>
 * </ul>
 *
 * <h2>What it must never do</h2>
 * <ul>
 *   <li>Hand a hook the repository, its password file or a cloud credential, or log the environment.</li>
 *   <li>Signal the agent's own process group, or any process that is not the hook's.</li>
 *   <li>Block a backup past the hook's timeout (plus the kill's grace) because of a hung command
 *       or a grandchild that keeps the output pipe open.</li>
 *   <li>Decide policy: whether a failed hook aborts a backup is the caller's choice.</li>
 * </ul>
 */
package org.claimback.hooks;
