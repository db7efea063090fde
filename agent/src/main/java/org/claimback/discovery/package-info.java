/**
 * Discovery: reads the export roots and names the volumes on them.
 *
 * <h2>What it owns</h2>
 * <ul>
 *   <li>Listing each export root ({@link org.claimback.discovery.ExportRoot}) with its
 *       {@link org.claimback.discovery.Layout}, chosen by name, and the provisioner's path template
 *       if it has one: {@code nfs-subdir} (default names, {@link org.claimback.discovery.NfsSubdirLayout};
 *       or a {@code pathPattern}, {@link org.claimback.discovery.NfsSubdirPatternLayout}) and
 *       {@code csi-nfs} (csi-driver-nfs, default or {@code subDir},
 *       {@link org.claimback.discovery.CsiNfsLayout}). A bad layout or template is refused when the
 *       export root is made, in one line naming what is wrong.</li>
 *   <li>Naming each volume: its claim key, PV name, state (live or archived) and the claims it
 *       can belong to ({@link org.claimback.discovery.DiscoveredVolume}), or that its name does not
 *       tell its claim (claim key null, no candidates: csi-driver-nfs defaults, templates without
 *       namespace and name). Mapping those through a PV inventory, a mapping the user gives or
 *       remembered mappings is not discovery's job: it lists them, the engine maps them. Listing
 *       what fits no layout ({@link org.claimback.discovery.UnmatchedDirectory}) with a reason; one
 *       problem line per export root that can't be read.</li>
 *   <li>The Kubernetes name rules ({@link org.claimback.discovery.KubernetesNames},
 *       {@link org.claimback.discovery.ClaimName}) and the user's CLAIM argument
 *       ({@link org.claimback.discovery.ClaimArgument}).</li>
 * </ul>
 *
 * <h2>Every layout</h2>
 * One listing per directory visited, one {@code lstat} per entry, nothing read inside a volume.
 * Hidden entries (starting with '.'), {@code lost+found} and entries that are neither directories
 * nor symlinks (files, sockets, devices; e.g. a PV inventory file written to the export) are
 * ignored. A symlink is listed as unmatched ("symlink, not followed") and never followed.
 *
 * <h2>The nfs-subdir layout (default names)</h2>
 * Only the export root is listed.
 * <ol>
 *   <li>A directory must end in {@code -pvc-<uuid>} (a lowercase 8-4-4-4-12 hex UUID). Stripping it
 *       is unambiguous: the rest is the claim key, {@code pvc-<uuid>} is the PV name. A bare
 *       {@code pvc-<uuid>} (no claim in the name) is unmatched.</li>
 *   <li>The claim key's candidate claims are its splits at every '-' before the first '.' into a
 *       valid namespace and a valid claim name. None: unmatched. One: that is the claim. Several
 *       (e.g. {@code default-test-claim}: {@code default/test-claim} or {@code default-test/claim}):
 *       all are kept as candidates and the claim stays unknown.</li>
 *   <li>{@code archived-} and the misspelled {@code archieved-} mark a volume whose claim was
 *       deleted. {@code archived-pvc-<uuid>} (v4.0.0) carries no claim: unmatched until a PV
 *       inventory maps it.</li>
 * </ol>
 *
 * <h2>Archived or live: the rule</h2>
 * A namespace may be called {@code archived} (or {@code archived-x}), so
 * {@code archived-default-data-pvc-<uuid>} reads two ways: ARCHIVED with claim key
 * {@code default-data}, or LIVE with claim key {@code archived-default-data} (namespace
 * {@code archived} or {@code archived-default}). Whenever the archived reading is valid the live
 * one is too, so the name alone never decides. The rule:
 * <ul>
 *   <li>Only one reading valid: that one (e.g. {@code archived-foo-pvc-<uuid>} is LIVE, namespace
 *       {@code archived}, claim {@code foo}: {@code foo} alone does not split).</li>
 *   <li>Both valid: ARCHIVED, unless the namespace list
 *       ({@link org.claimback.discovery.Discovery#Discovery(java.util.Set)}) names a namespace of
 *       the live reading. Archives are common ({@code archiveOnDelete: true} is the Helm chart's
 *       default) and namespaces called {@code archived…} are rare; taking every archive for a live
 *       claim in namespace {@code archived} would fill the claim list with phantoms and back up
 *       deleted claims' data under wrong names. A PV inventory that lists the directory as a PV's
 *       path makes it live again (the engine applies that).</li>
 *   <li>Either way the reading not chosen stays visible as
 *       {@link org.claimback.discovery.DiscoveredVolume#alternativeClaimKey()}.</li>
 * </ul>
 * A namespace list also narrows candidates to known namespaces, but never to none: when no
 * candidate's namespace is on the list, all candidates stay.
 *
 * <h2>Templated layouts: nfs-subdir pathPattern, csi-nfs subDir</h2>
 * {@link org.claimback.discovery.PathPattern} compiles the template: nfs-subdir tokens
 * {@code ${.PVC.namespace}}, {@code ${.PVC.name}}, {@code ${.PVC.labels.<key>}},
 * {@code ${.PVC.annotations.<key>}}; csi-nfs tokens {@code ${pvc.metadata.namespace}},
 * {@code ${pvc.metadata.name}}, {@code ${pv.metadata.name}}; literal text between. A '/' outside a
 * token starts the next level (one directory each); a '/' inside one belongs to it
 * ({@code ${.PVC.annotations.nfs.io/storage-path}}). Levels are cleaned as the provisioners'
 * {@code filepath.Join} cleans the path they create: empty levels ({@code a//b}, leading or trailing
 * '/') and {@code .} go. Refused: unknown tokens (the provisioners would render them empty or leave
 * them literal: almost surely a typo), an unclosed <code>${</code>, a {@code ..} level, a level starting
 * with '.' (hidden directories are skipped), a template with no level left.
 * <p>What a token matches: a namespace (DNS-1123 label), a claim name (DNS-1123 subdomain), a PV
 * name {@code pvc-<uuid>} only (the csi-provisioner's default prefix), a label value (possibly
 * empty: a missing label renders ""), an annotation value (possibly empty, any characters but '/'
 * and control characters). A token used twice must have one value. Not supported, because the name
 * alone can't show it: annotation values holding '/' or equal to {@code .} or {@code ..}; a volume
 * at the export root itself (every level empty, '/' between); custom PV name prefixes. A
 * csi-provisioner without {@code --extra-create-metadata} leaves the tokens literal: such
 * directories ({@code ${pvc.metadata.namespace}}) are unmatched.
 * <ol>
 *   <li>The walk goes down level by level, only into directories that can still lead to a volume
 *       (a directory above volumes is no finding), never deeper than the template and never into
 *       a volume. A directory on the way that fits no level is unmatched, naming the level.</li>
 *   <li>Claim: when the template has both namespace and claim name and every way to read the path
 *       gives one claim key, the claim key is {@code <ns>-<name>} and the candidates are the
 *       readings (several only when the text between them is ambiguous, e.g.
 *       {@code ${.PVC.namespace}-${.PVC.name}}); otherwise the claim is not known from the name.
 *       PV name: the {@code ${pv.metadata.name}} value, else null. nfs-subdir templates have no PV
 *       token, so a rebuilt cluster reuses the same directory for the claim.</li>
 *   <li>A level made only of label and annotation tokens vanishes when they are all empty (Go's
 *       {@code filepath.Join} drops empty elements), so that volume sits a level higher. A
 *       directory that can be such a volume and also the directory above volumes reads two ways:
 *       it is read as the directory above (labels are set on purpose; an empty one is the
 *       accident), listed as unmatched saying so, and every volume found below it gets no claim
 *       from its name (it might be data inside the volume whose label was empty).</li>
 *   <li>nfs-subdir archives: the provisioner renames a volume to {@code archived-<basename>}
 *       directly under the export root ({@code filepath.Join(mountPath, "archived-"+filepath.Base(path))}
 *       in its Delete; versions before that looked for the basename at the root, failed to find a
 *       nested volume and left it in place, live-looking). So an archive is {@code archived-} and a
 *       level that can be last (the last, or one followed only by levels that may vanish), at the
 *       root; the levels above are lost, and the claim is known only if that level holds both
 *       namespace and name. Directly under the root, names the default rules read as volumes
 *       ({@code <ns>-<pvc>-pvc-<uuid>}) are read by them: the provisioner uses that name when the
 *       template renders "", and StorageClasses with and without pathPattern share exports.</li>
 *   <li>csi-nfs archives ({@code onDelete: archive}): {@code archived-} + subDir with its outer '/'
 *       trimmed, so the prefix goes on the first level ({@code ns/data} → {@code archived-ns/data}).
 *       Default: {@code pvc-<uuid>} live, {@code archived-pvc-<uuid>} archived, both with the PV
 *       name and no claim. On a share with a subDir, {@code pvc-<uuid>} and
 *       {@code archived-pvc-<uuid>} directly under it are still default volumes (other
 *       StorageClasses share the share); {@code snapshot-<uuid>} directories (csi snapshots) are
 *       unmatched.</li>
 *   <li>Archived or live: when a name reads as an archive and also as a live volume at the same
 *       level (csi {@code archived-ns/data}; one-level templates) or as a directory above volumes
 *       (nfs-subdir {@code archived-data} under {@code ${.PVC.namespace}/${.PVC.name}} is also a
 *       namespace directory), the rule above applies unchanged: ARCHIVED unless the namespace list
 *       names a namespace of the live reading. For a directory above volumes that matters twice:
 *       reading an archived volume as a directory would read inside it and name its content as
 *       claims. A live reading without a namespace (a template without a namespace token, e.g.
 *       {@code archived-web} under {@code ${.PVC.labels.app}}) can't be named by the list: ARCHIVED.</li>
 * </ol>
 *
 * <h2>What it must never do</h2>
 * <ul>
 *   <li>Guess a claim: an ambiguous key keeps all its candidates and no claim; a name that fits no
 *       layout is listed as unmatched, never turned into a claim.</li>
 *   <li>Follow a symlink out of the export, read inside a volume, or walk deeper than the
 *       layout's template.</li>
 *   <li>Write anything: no directory, file, attribute or timestamp is changed.</li>
 *   <li>Fail the whole scan for one bad export root or one odd name: names that are not UTF-8 or
 *       not Kubernetes names are unmatched; a missing root is a problem line.</li>
 * </ul>
 */
package org.claimback.discovery;
