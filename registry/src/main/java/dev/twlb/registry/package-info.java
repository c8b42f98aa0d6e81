/**
 * {@code twlb registry}: the Confluent-compatible subset of the schema registry's REST API, storing its schemas in
 * the compacted topic {@code _schemas} so ids survive restarts, as Confluent's does.
 *
 * <p>The project's own because Confluent's registry is not on Maven Central (and {@code twlb run} must work with a
 * JDK and Maven only); {@code docker compose} runs Confluent's real image instead, and the same clients work
 * against both.
 */
package dev.twlb.registry;
