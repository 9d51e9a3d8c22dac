package dev.runboard.inspect;

import dev.runboard.data.Problem;
import dev.runboard.data.RunInfo;
import java.util.List;

/**
 * What one run directory holds, as {@code runboard inspect} reports it.
 *
 * @param files event files read
 * @param run what the index read: series with counts and step ranges, sessions
 * @param tornTails files ending in an incomplete record: the description of each
 * @param problems what was wrong with the run's files (file, byte offset, what was done)
 */
public record RunSummary(int files, RunInfo run, List<String> tornTails, List<Problem> problems) {}
