/**
 * Kafka plumbing, not contract: a client of the Confluent schema registry's REST API (register a schema under a
 * subject, fetch a schema by id), and an in-memory one for tests of pure logic.
 *
 * <p>The project's own for the reason given in {@link dev.twlb.schemas.serde}: Confluent's client is not on Maven
 * Central. It speaks only the subset of the API the serde needs, so it works against Confluent's registry (as in
 * {@code docker compose}) and against the embedded one ({@code registry/}).
 */
package dev.twlb.schemas.registry;
