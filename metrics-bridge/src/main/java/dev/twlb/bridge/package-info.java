/** Scrapes every node's Prometheus endpoint and publishes MetricSample records to node-metrics (issue 4). */
package dev.twlb.bridge;
