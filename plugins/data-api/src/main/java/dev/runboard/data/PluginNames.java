package dev.runboard.data;

/**
 * The plugin names the event readers assign to the kinds they decode, as TensorBoard names its
 * plugins. Any other name (a custom plugin's tensors or blobs) passes through unchanged: the data
 * layer needs no code for a new plugin.
 */
public final class PluginNames {
  public static final String SCALARS = "scalars";
  public static final String HISTOGRAMS = "histograms";
  public static final String IMAGES = "images";
  public static final String AUDIO = "audio";
  public static final String TEXT = "text";
  public static final String PR_CURVES = "pr_curves";
  public static final String GRAPHS = "graphs";
  /**
   * TensorBoard's hparams plugin: the experiment summary of a tfevents logdir is a blob of this
   * plugin holding JSON (docs/event-log-format.md); sessions are runs' {@link RunInfo#hparams()}.
   */
  public static final String HPARAMS = "hparams";

  /** The tag under which a run's model graph is a blob sequence (TensorBoard's name). */
  public static final String RUN_GRAPH_TAG = "__run_graph__";

  private PluginNames() {}
}
