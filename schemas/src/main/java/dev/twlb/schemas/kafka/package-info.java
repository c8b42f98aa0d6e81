/**
 * Kafka plumbing, not contract: producers and consumers of the contract's topics with the project's Avro serde
 * ({@link dev.twlb.schemas.kafka.KafkaClients}), and a publisher that never blocks the service that publishes
 * ({@link dev.twlb.schemas.kafka.TopicPublisher}).
 */
package dev.twlb.schemas.kafka;
