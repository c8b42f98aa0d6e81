/** The Kafka Streams topology: per-node windows, features, and the label looked up by time (issue 5). */
package dev.twlb.labeler;
