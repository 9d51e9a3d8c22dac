package dev.runboard.scalars;

/** What a scalar read does with points that a later writer session superseded. */
public enum RestartMode {
  /** Every point of every session, in logged order (the default). */
  ALL,
  /**
   * TensorBoard's purge rule: a session that resumes at step s supersedes the points earlier
   * sessions logged at steps ≥ s, which are left out.
   */
  LATEST
}
