package dev.runboard.index;

import dev.runboard.eventlog.ReadOptions;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every run of one index shares. The index does not know where its files are (a local
 * directory, object storage, several of them): discovery hands it {@code LogFileSource}s, and
 * files are named for users by their run ({@link RunIndex#display}).
 */
record IndexContext(
    ReadOptions readOptions,
    MemoryBudget budget,
    ProblemLog problems,
    UpdateHub hub,
    Clock clock,
    AtomicLong bytesRead,
    AtomicLong bytesTotal,
    AtomicLong pointsIndexed) {}
