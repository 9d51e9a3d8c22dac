package dev.runboard.plugin.hparams;

import com.vaadin.flow.component.Tag;

/** A scatter-plot matrix of sessions: hparams across, metrics down, drawn on a canvas. */
@Tag("runboard-scatter-matrix")
public class ScatterMatrix extends SessionPlot {}
