package dev.runboard.eventlog;

/**
 * When {@link EventLogWriter} asks the operating system to put written bytes on the disk itself
 * ({@code fsync}). Every policy survives the writer process being killed: written bytes are in the
 * page cache and the kernel keeps them. The policy only matters when the machine itself goes down.
 */
public enum FsyncPolicy {
  /** After every flush (interval, explicit or close): an acknowledged flush survives power loss. */
  PER_FLUSH,
  /** When a segment file is finished (rotation or close): cheaper, loses at most one segment's tail. */
  PER_SEGMENT,
  /** Never: the operating system writes back in its own time. Fastest. */
  NEVER
}
