package dev.twlb.registry;

/** One registered version of a subject, as stored in the schemas topic. */
public record SchemaRecord(String subject, int version, int id, String schema) {}
