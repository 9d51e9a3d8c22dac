package dev.runboard.plugin.prcurves;

import dev.runboard.data.DataClass;
import dev.runboard.data.PluginNames;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.ViewState;
import dev.runboard.plugin.ui.TagCard;
import dev.runboard.plugin.ui.TagCardsDashboard;

/**
 * One card per PR-curve tag: the runs' curves overlaid, at the step a slider chooses (in the URL
 * as {@code pr-curves.step.<tag>} once moved off the latest).
 */
final class PrCurvesDashboard extends TagCardsDashboard {
  PrCurvesDashboard(DashboardContext context) {
    super(context, "pr-curves", DataClass.TENSORS, PluginNames.PR_CURVES,
        "No PR curves yet. Log them with add_pr_curve (PyTorch), TensorBoard's pr_curve summary, "
            + "or RunboardLogger's PR-curve option.");
  }

  @Override
  protected void readViewState(ViewState state) {
    forEachCard(card -> ((PrCurveCard) card).readStep());
  }

  @Override
  protected TagCard createCard(String tag) {
    PrCurveCard card = new PrCurveCard(tag, data(), selection());
    card.bindStepToUrl(viewState(), key("step." + tag));
    return card;
  }
}
