package dev.runboard.inspect;

import dev.runboard.eventlog.SessionEvent;
import java.util.List;

/**
 * What one run directory holds, as {@code runboard inspect} reports it.
 *
 * @param name path relative to the logdir ("." for the logdir itself)
 * @param files event files read
 * @param tags per kind and tag, sorted by kind then tag
 * @param sessions the run's session boundaries in file order (START, CHECKPOINT, STOP)
 * @param tornTails files ending in an incomplete record: the description of each
 * @param errors files that could not be read (whole or past some point): the reason of each,
 *     naming file and byte offset
 */
public record RunSummary(
    String name,
    int files,
    List<TagSummary> tags,
    List<SessionEvent> sessions,
    List<String> tornTails,
    List<String> errors) {}
