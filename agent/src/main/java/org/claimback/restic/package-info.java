/**
 * restic, behind one class: {@link org.claimback.restic.Restic} runs the restic binary (through
 * Apache Commons Exec), always with {@code --json} where the command has it, and turns what
 * restic prints into records ({@link org.claimback.restic.BackupResult},
 * {@link org.claimback.restic.Snapshot}, ...) and its failures into a
 * {@link org.claimback.restic.ResticException} of a {@link org.claimback.restic.ResticException.Kind}
 * whose message is one line naming the repository (redacted) and the fix.
 *
 * <h2>What it owns</h2>
 * <ul>
 *   <li>The child's environment: the parent's, minus RESTIC_PASSWORD, RESTIC_PASSWORD_COMMAND,
 *       RESTIC_PASSWORD_FILE, RESTIC_REPOSITORY and RESTIC_REPOSITORY_FILE, plus RESTIC_REPOSITORY,
 *       RESTIC_PASSWORD_FILE, RESTIC_CACHE_DIR, the settings' extra variables,
 *       RESTIC_PROGRESS_FPS=1 (unless set) and PWD = the working directory.</li>
 *   <li>Reading restic's output, which differs by version (below), and classifying failures.</li>
 *   <li>The child's life: stderr lines go to the slf4j logger {@code restic} as
 *       "restic COMMAND: line" (the command line at debug); interrupting the calling thread stops
 *       the child with SIGINT (restic then removes its lock), SIGKILL after 10 s, and waits for it.</li>
 * </ul>
 *
 * <h2>What it must never do</h2>
 * <ul>
 *   <li>Put a secret in argv or in a log: the repository string (it may hold
 *       {@code rest:https://user:password@host/}) and the password file travel only in the
 *       environment; the environment is never logged; the repository is shown redacted.</li>
 *   <li>Run {@code restic unlock --remove-all} ({@code run} refuses it): it removes locks of live
 *       processes. Plain {@code unlock} removes only stale locks. No {@code --no-lock} either.</li>
 *   <li>Report a backup that restic ended with exit 3 as complete: it is
 *       {@link org.claimback.restic.BackupResult#partial() partial}.</li>
 *   <li>Decide policy: which directory, which tags, which snapshot, whether a target may be
 *       overwritten, when to init — the callers decide; this package only runs and reads.</li>
 * </ul>
 *
 * <h2>How restic's versions differ (0.14.0 is the oldest supported, 0.18.0 the newest tested)</h2>
 * <ul>
 *   <li>Exit codes: 0 ok, 1 fatal, 3 backup saved but some files unreadable (all versions);
 *       10 no repository and 11 lock failed since 0.17, 12 wrong password since 0.17.1. 0.14 exits
 *       1 for all of these, so they are told apart by stderr text: "wrong password or no key
 *       found", "repository is already locked exclusively by PID ...", and "unable to open config
 *       file: stat .../config: no such file or directory" (0.14 prints "unable to open config
 *       file" for an unreachable server too, so that alone does not mean missing).</li>
 *   <li>An unreachable server has no exit code on any version (1). {@link org.claimback.restic.Unreachable}
 *       reads it from Go's and ssh's words ("connection refused", "no such host", "i/o timeout",
 *       "ssh: connect to host ...", "unable to start the sftp session"), ignoring restic's own retry
 *       lines. restic retries a failing backend request before it gives up: 10 tries, about a minute,
 *       on 0.14 (its s3 bucket-location lookup at open is not retried: it fails at once); up to 15
 *       minutes on 0.17+ (measured on 0.18 against a closed port: 18 retries, 14 min). Against a
 *       server that is down, 0.18 thus holds a backup for 15 minutes: callers probe first
 *       ({@code repository.Reachability}).</li>
 *   <li>Errors: 0.14 writes text to stderr ("Fatal: ..."). With {@code --json}, 0.18 writes its
 *       last words as one JSON line on stderr: {@code {"message_type":"exit_error","code":12,
 *       "message":"Fatal: wrong password or no key found"}}; it is made readable here.</li>
 *   <li>Backup: {@code status} lines (percent_done, total_files, files_done, total_bytes,
 *       bytes_done, seconds_remaining, current_files; zero fields omitted) and one {@code summary}
 *       (files_new/changed/unmodified, dirs_new/changed/unmodified, data_blobs, tree_blobs,
 *       data_added, total_files_processed, total_bytes_processed, total_duration, snapshot_id;
 *       0.18 adds data_added_packed, backup_start, backup_end). {@code snapshot_id} is the
 *       8-character short id on 0.14, the full id since 0.15. Per-file errors are JSON on stderr:
 *       {@code {"message_type":"error","error":{...},"during":"archival","item":"path"}}, where
 *       error is {@code {"message":"..."}} since 0.17.1 and the bare Go error on 0.14
 *       ({@code {"Op":"open","Path":"f","Err":13}} or just {@code {}}); then "Warning: at least one
 *       source file could not be read" (text on 0.14, an exit_error on 0.18) and exit 3.</li>
 *   <li>Snapshots: one JSON array of {time, parent, tree, paths, hostname, username, tags, id,
 *       short_id}; 0.17+ adds program_version and a summary. Times carry restic's local offset.</li>
 *   <li>Restore: {@code --json} since 0.16 (a summary with total_files, files_restored,
 *       total_bytes, bytes_restored, where directories count as files); 0.14 accepts the flag and
 *       prints text, so it is not passed there. 0.14 exits 1 after "ignoring error for ..." lines;
 *       0.18 overwrites what stands in the way.</li>
 *   <li>Init: {@code --json} since 0.15. Check: {@code --json} since 0.18. Ask
 *       {@link org.claimback.restic.ResticVersion} for such features, never compare numbers.</li>
 *   <li>Signals: on SIGINT both versions remove their lock and exit (130 on 0.14). On SIGTERM
 *       0.14 dies at once and leaves its lock (stale: the next {@code restic unlock} removes it);
 *       0.18 cleans up but may not exit while it waits for input.</li>
 * </ul>
 */
package org.claimback.restic;
