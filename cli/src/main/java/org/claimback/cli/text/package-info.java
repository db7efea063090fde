/** Plain-text output for people: aligned tables and human-readable sizes. Never used for --json. */
package org.claimback.cli.text;
