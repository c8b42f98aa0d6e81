/** Consumes labeled-metrics and writes Parquet and CSV files continuously, exactly once (issue 6). */
package dev.twlb.sink;
