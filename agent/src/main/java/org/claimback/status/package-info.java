/**
 * Status: the agent's HTTP endpoint for monitoring, {@code /metrics} in Prometheus text format and
 * {@code /healthz}, on the loopback address {@code status.listen}.
 *
 * <p>Every number is computed from the catalogue when it is scraped, so it survives agent restarts
 * and counts drills run from the command line too. This package only reads the catalogue; it never
 * starts work, never writes, and never shows secrets or paths of the repository. It binds only to
 * loopback until the endpoint has a bearer token.
 */
package org.claimback.status;
