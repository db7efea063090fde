/**
 * Discovery: reads the export roots and names the volumes on them.
 *
 * <h2>What it owns</h2>
 * <ul>
 *   <li>Listing each export root ({@link org.claimback.discovery.ExportRoot}) with its
 *       {@link org.claimback.discovery.Layout}, chosen by name. This version knows one layout,
 *       {@code nfs-subdir}; pathPattern and csi-driver-nfs layouts, PV inventories and remembered
 *       mappings come later and plug in as further layouts or as sources of candidates.</li>
 *   <li>Naming each volume: its claim key, PV name, state (live or archived) and the claims it
 *       can belong to ({@link org.claimback.discovery.DiscoveredVolume}); listing what fits no
 *       layout ({@link org.claimback.discovery.UnmatchedDirectory}) with a reason; one problem line
 *       per export root that can't be read.</li>
 *   <li>The Kubernetes name rules ({@link org.claimback.discovery.KubernetesNames},
 *       {@link org.claimback.discovery.ClaimName}) and the user's CLAIM argument
 *       ({@link org.claimback.discovery.ClaimArgument}).</li>
 * </ul>
 *
 * <h2>The nfs-subdir layout</h2>
 * One listing of the export root, one {@code lstat} per entry, nothing read inside a volume.
 * <ol>
 *   <li>Hidden entries (starting with '.'), {@code lost+found} and entries that are neither
 *       directories nor symlinks (files, sockets, devices; e.g. a PV inventory file written to the
 *       export) are ignored. A symlink is listed as unmatched ("symlink, not followed") and never
 *       followed.</li>
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
 *   <li>Both valid and no namespace list: LIVE. Taking an archived directory for a live one costs
 *       a backup that deduplicates to almost nothing; taking a live one for archived could skip
 *       live data and would file it under another claim's key.</li>
 *   <li>Both valid and a namespace list given ({@link org.claimback.discovery.Discovery#Discovery(java.util.Set)}):
 *       LIVE if the list names a namespace of the live reading, ARCHIVED otherwise. A live
 *       volume's namespace exists; an archived one's may be gone.</li>
 *   <li>Either way the reading not chosen stays visible as
 *       {@link org.claimback.discovery.DiscoveredVolume#alternativeClaimKey()}.</li>
 * </ul>
 * A namespace list also narrows candidates to known namespaces, but never to none: when no
 * candidate's namespace is on the list, all candidates stay.
 *
 * <h2>What it must never do</h2>
 * <ul>
 *   <li>Guess a claim: an ambiguous key keeps all its candidates and no claim; a name that fits no
 *       layout is listed as unmatched, never turned into a claim.</li>
 *   <li>Follow a symlink out of the export, or read inside a volume.</li>
 *   <li>Write anything: no directory, file, attribute or timestamp is changed.</li>
 *   <li>Fail the whole scan for one bad export root or one odd name: names that are not UTF-8 or
 *       not Kubernetes names are unmatched; a missing root is a problem line.</li>
 * </ul>
 */
package org.claimback.discovery;
