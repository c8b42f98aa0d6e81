/**
 * Kafka plumbing, not contract: Avro values in Confluent's wire format (magic byte 0, a 4-byte schema id, the Avro
 * binary body), with subjects {@code <topic>-value}, so Python's confluent-kafka, Spark, ksqlDB and Connect read the
 * topics with nothing but a registry URL.
 *
 * <p>Why this is the project's own code and not Confluent's {@code kafka-avro-serializer}: Confluent publishes its
 * serializer and registry client only on its own Maven repository ({@code packages.confluent.io}), not on Maven
 * Central, and a build here may use Maven Central only. The format is small and public; {@code SerdeRoundTripIT}
 * checks it byte for byte against a real registry, and the README's Python example reads it with confluent-kafka.
 */
package dev.twlb.schemas.serde;
