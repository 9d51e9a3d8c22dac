package dev.runboard.index;

import dev.runboard.data.DataClass;

/** A series' identity within its run: the same tag may name a scalar and, say, a histogram. */
record SeriesKey(DataClass dataClass, String tag) {}
