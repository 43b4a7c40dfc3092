package org.ntrklab.platform.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB state store in the process by one shared block cache, which also
 * accounts for the stores' write buffers (memtables) and their index and filter blocks. Left to its
 * defaults, each store takes its own 50 MB cache and up to three 16 MB write buffers, outside the Java heap:
 * with a dozen stores and a large backlog the process grew well past its heap, and the more cases a store
 * held the more it took. With this, what the stores take stays about the same however many cases they hold
 * (a soft cap: the cache may run a little over its size, and writes are not stalled when it is full).
 */
public class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** All stores' block cache, write buffers, index and filter blocks together. */
    static final long TOTAL_BYTES = 64L * 1024 * 1024;
    /** The write buffers' share of {@link #TOTAL_BYTES}. */
    static final long WRITE_BUFFER_BYTES = 16L * 1024 * 1024;
    private static final long STORE_WRITE_BUFFER_BYTES = 4L * 1024 * 1024;

    /**
     * Shared by every store of every service in the process, for the life of the process; created when the
     * first store opens, once Kafka Streams has loaded RocksDB's native library (the settings class itself
     * is loaded earlier, when the configuration is checked).
     */
    private static final class Shared {
        static final Cache CACHE;
        static final WriteBufferManager WRITE_BUFFERS;

        static {
            RocksDB.loadLibrary();
            CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);
            WRITE_BUFFERS = new WriteBufferManager(WRITE_BUFFER_BYTES, CACHE);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(Shared.CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(Shared.WRITE_BUFFERS);
        options.setWriteBufferSize(STORE_WRITE_BUFFER_BYTES);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared: a store closing must not free them.
    }
}
