/**
 * The contract every service shares: the Avro records (generated from {@code src/main/avro}), the topics they
 * travel on ({@link dev.twlb.schemas.Topics}), the fault types ({@link dev.twlb.schemas.FaultType}), the timing the
 * labeler relies on ({@link dev.twlb.schemas.RequestTiming}), the node list ({@code cluster}) and the answer format
 * of {@code /process} ({@code http}). The Kafka plumbing lives beside it, in {@code serde}, {@code registry} and
 * {@code kafka}.
 */
package dev.twlb.schemas;
