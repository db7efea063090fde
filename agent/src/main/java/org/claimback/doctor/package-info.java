/**
 * Doctor: checks that this server is set up for claimback, as small named rules that each say
 * in one line what they found and what to do about it.
 *
 * <h2>What it owns</h2>
 * <ul>
 *   <li>{@link org.claimback.doctor.Check}: one rule with a short name; it returns a
 *       {@link org.claimback.doctor.CheckResult} of {@link org.claimback.doctor.Status} OK, WARN
 *       (works, but look at this), FAIL (claimback cannot work like this) or SKIP (not run: a
 *       check it needs failed).</li>
 *   <li>{@link org.claimback.doctor.Doctor}: the standard checks in order, and running them so
 *       that nothing escapes: an exception in a check is that check's FAIL, with the one-line
 *       message of {@link org.claimback.outcome.Failures#message(Throwable)}.</li>
 *   <li>{@link org.claimback.doctor.DoctorContext}: what the checks read, built from a config
 *       file that may not load. A config that doesn't load is the {@code config} check's FAIL,
 *       and the checks that need it are skipped; the NFS export table is read either way.</li>
 * </ul>
 *
 * <h2>The checks, in order</h2>
 * <ol>
 *   <li>{@code config}: the config file loads (FAIL with the loader's FILE:LINE: key message).</li>
 *   <li>{@code restic}: restic runs and is 0.14.0 or newer (FAIL: missing, not restic, too old).</li>
 *   <li>{@code password-file}: no access for group or others, owned by root or by the user
 *       running claimback (WARN with the chmod/chown command).</li>
 *   <li>{@code secret-files}: the same for the status endpoint's and the notification targets'
 *       token files ({@code status.tokenFile}, {@code notify[].tokenFile}), the repositories'
 *       credentials ({@code repositoryEnvFile}, {@code copies[].repositoryEnvFile}) and the copies'
 *       passwords ({@code copies[].passwordFile}); OK when there are none. (An env file open to
 *       group or others fails the {@code config} check: the config refuses it.)</li>
 *   <li>{@code repository}: the password opens the repository. None there: WARN for a local one
 *       (it is created at the first backup), FAIL for a remote one (claimback never creates
 *       those) and for a local directory that holds something else. Wrong password: FAIL. No
 *       answer (server down, refused, credentials refused): FAIL with restic's reason, reported at
 *       restic's first retry rather than after the minutes restic 0.17+ would keep retrying.</li>
 *   <li>{@code repository copy NAME}, once per {@code copies[]} entry: the same for the copy,
 *       except that a missing copy is a WARN (the first copy run creates it).</li>
 *   <li>{@code catalog}: an existing catalogue opens (FAIL: damaged, foreign, newer); a missing
 *       one is OK, since the first command creates it.</li>
 *   <li>{@code nfs-exports}: the export table reads cleanly (WARN per problem, or when nothing is
 *       exported at all).</li>
 *   <li>{@code export-root}, once per configured root: it exists and is a directory (else FAIL),
 *       and it is exported itself or lies under an exported path (else WARN: "is this the
 *       directory the provisioner uses?"). Paths are compared after resolving symlinks, as
 *       exportfs resolves them.</li>
 *   <li>{@code other-exports}: exported paths that are no configured root and lie under none
 *       (WARN, naming each with its file:line and how many PV directories it holds). The NFSv4
 *       pseudo-root ({@code fsid=0}) and parents of configured roots are left out unless PV
 *       directories lie right in them.</li>
 *   <li>{@code fs-snapshot}: each export with {@code snapshot: btrfs} lies in a btrfs subvolume
 *       whose root is visible here, and btrfs-progs is installed (else FAIL); OK ("not used") when
 *       no export asks for a snapshot. No snapshot is taken.</li>
 * </ol>
 *
 * <h2>What it must never do</h2>
 * <ul>
 *   <li>Throw: every failure is a result.</li>
 *   <li>Change anything: no repository, catalogue, directory or permission is created or fixed;
 *       the results say which command would. The only writes are restic's own (its cache) and
 *       the migration of an existing catalogue that any claimback command would do.</li>
 *   <li>Show a secret: repositories are shown redacted, the password never.</li>
 * </ul>
 */
package org.claimback.doctor;
