package dev.runboard.eventlog;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Off-heap memory for reading Arrow logs: one root for the process (as Arrow recommends), and a
 * child per tail whose limit bounds what one file can make the reader allocate, whatever its
 * bytes claim.
 */
final class ReaderMemory {
  private static final BufferAllocator ROOT = new RootAllocator();

  private ReaderMemory() {}

  /**
   * A child allocator for one reader: room for one record batch body and one dictionary body of
   * the largest size the reader accepts.
   */
  static BufferAllocator newAllocator(String name, long maxRecordBytes) {
    return ROOT.newChildAllocator(name, 0, 2 * maxRecordBytes);
  }
}
