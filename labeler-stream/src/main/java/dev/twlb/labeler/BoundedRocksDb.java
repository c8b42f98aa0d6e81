package dev.twlb.labeler;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for all of the labeler's RocksDB stores in a JVM, as Kafka Streams' memory-management guide
 * describes: a shared block cache that also holds index and filter blocks, and memtables charged to it. Without it each
 * store (three per partition, and a segmented store is one RocksDB per segment) has its own 50 MiB cache and up to
 * three 16 MiB memtables, so resident memory crept up for the whole first hour of a run as memtables filled.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
  /** Block cache and memtables of every store together. */
  static final long TOTAL_BYTES = 32L << 20;
  /** The memtables' share of it: beyond this, the largest memtable is flushed. */
  static final long MEMTABLE_BYTES = 16L << 20;
  private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);
  private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(CACHE);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(WRITE_BUFFERS);
    options.setWriteBufferSize(4L << 20);
    options.setMaxWriteBufferNumber(2);
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // the cache and the write-buffer manager are shared by every store and live as long as the JVM
  }
}
