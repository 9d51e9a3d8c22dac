package dev.runboard.plugin.scalars;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.data.Subscription;
import dev.runboard.plugin.ViewState;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The dashboard's settings in the URL and as the API's smoothing parameter. */
class ScalarsSettingsTest {
  /** A URL's query as a map; counts new history entries. */
  static final class MapState implements ViewState {
    final Map<String, String> values = new HashMap<>();
    int pushes;

    @Override
    public Optional<String> get(String key) {
      return Optional.ofNullable(values.get(key));
    }

    @Override
    public void set(String key, String value) {
      if (value == null) {
        values.remove(key);
      } else {
        values.put(key, value);
      }
    }

    @Override
    public void push(String key, String value) {
      set(key, value);
      pushes++;
    }

    @Override
    public Map<String, String> all() {
      return Map.copyOf(values);
    }

    @Override
    public Subscription onChange(Consumer<ViewState> listener) {
      return () -> {};
    }
  }

  @Test
  void theDefaultsLeaveTheUrlEmptyAndAreTensorBoards() {
    MapState state = new MapState();
    ScalarsSettings.DEFAULTS.write(state);
    assertThat(state.values).isEmpty();
    assertThat(ScalarsSettings.read(state)).isEqualTo(ScalarsSettings.DEFAULTS);
    assertThat(ScalarsSettings.DEFAULTS.smoothingParameter()).isEqualTo("ema:0.6");
  }

  @Test
  void everySettingRoundTripsThroughTheUrl() {
    ScalarsSettings s = new ScalarsSettings("twema", 0.85, "relative", true, true, true, "(.*)/seed\\d+", "minmax", true);
    MapState state = new MapState();
    s.write(state);
    assertThat(state.values).containsEntry("scalars.smoothing", "twema:0.85").containsEntry("scalars.x", "relative")
        .containsEntry("scalars.group", "(.*)/seed\\d+").containsEntry("scalars.band", "minmax");
    assertThat(ScalarsSettings.read(state)).isEqualTo(s);
    int pushes = state.pushes;
    s.write(state);
    assertThat(state.pushes).as("writing the same settings adds no history entry").isEqualTo(pushes);
  }

  @Test
  void malformedUrlValuesFallBackToDefaults() {
    MapState state = new MapState();
    state.values.put("scalars.smoothing", "box:7");
    state.values.put("scalars.x", "epoch");
    state.values.put("scalars.band", "iqr");
    assertThat(ScalarsSettings.read(state)).isEqualTo(ScalarsSettings.DEFAULTS);
    state.values.put("scalars.smoothing", "ema:1.5");
    assertThat(ScalarsSettings.read(state).smoothing()).isEqualTo(0.6);
  }

  @Test
  void theSliderMapsToEachKindsParameter() {
    assertThat(with("ema", 0.95).smoothingParameter()).isEqualTo("ema:0.95");
    assertThat(with("twema", 0.6).smoothingParameter()).isEqualTo("twema:0.6");
    assertThat(with("gauss", 0.6).smoothingParameter()).isEqualTo("gauss:30");
    assertThat(with("mean", 0.6).smoothingParameter()).isEqualTo("mean:60");
    assertThat(with("mean", 0.001).smoothingParameter()).isNull();
    assertThat(with("ema", 0).smoothingParameter()).isNull();
    assertThat(with("none", 0.6).smoothingParameter()).isNull();
    assertThat(with("ema", 0.6).toJson().getString("smoothing")).isEqualTo("ema:0.6");
  }

  private static ScalarsSettings with(String kind, double value) {
    return new ScalarsSettings(kind, value, "step", false, false, false, null, "std", false);
  }
}
