/**
 * Configuration: reads the YAML file ({@code --config}, {@code CLAIMBACK_CONFIG} or
 * {@code /etc/claimback/config.yaml}) into {@link org.claimback.config.Config} records.
 *
 * <p>Every key lives once, in {@link org.claimback.config.ConfigKeys}, with its default and doc;
 * the example config and the README are written from that table. Every problem becomes a
 * {@link org.claimback.config.ConfigException} naming the file, the line and the key, exit code 2.
 * This package reads files and never writes, and never keeps the repository password in memory:
 * it only checks that the password file can be read.
 */
package org.claimback.config;
