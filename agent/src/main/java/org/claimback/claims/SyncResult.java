package org.claimback.claims;

import java.util.List;
import org.claimback.discovery.DiscoveryResult;

/**
 * What one sync saw: the discovery scan, and the problems worth showing a person (unreadable
 * export roots, unreadable inventories, sources that disagree about a volume's claim).
 */
public record SyncResult(DiscoveryResult scan, List<String> problems) {}
