package dev.runboard.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.plugin.ViewState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The run selection's URL form: what is written for a selection, and what it selects back. */
class SelectionInUrlTest {
  private static final Predicate<String> STARTS_WITH_A = run -> run.startsWith("a");

  private static List<String> runs(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add((i % 2 == 0 ? "a" : "b") + String.format("%03d", i));
    }
    return out;
  }

  @Test
  void theDefaultSelectionIsLeftOutOfTheUrl() {
    List<String> known = runs(100);
    Set<String> auto = new SelectionInUrl.Auto().select(known, STARTS_WITH_A);
    assertThat(auto).hasSize(RunSelector.AUTO_SELECTED);
    assertThat(SelectionInUrl.format(auto, known, STARTS_WITH_A, false)).isNull();
    assertThat(SelectionInUrl.parse(null)).isInstanceOf(SelectionInUrl.Auto.class);
  }

  @Test
  void everyRunTheFilteredRunsOrAListEachRoundTrip() {
    List<String> known = runs(100);
    String all = SelectionInUrl.format(new LinkedHashSet<>(known), known, STARTS_WITH_A, false);
    assertThat(all).isEqualTo("*");
    assertThat(SelectionInUrl.parse(all).select(known, STARTS_WITH_A)).hasSize(100);
    assertThat(SelectionInUrl.parse(all).joins("new", 100, STARTS_WITH_A)).isTrue();

    Set<String> filtered = new SelectionInUrl.Filtered().select(known, STARTS_WITH_A);
    String tilde = SelectionInUrl.format(filtered, known, STARTS_WITH_A, true);
    assertThat(tilde).isEqualTo("~");
    assertThat(SelectionInUrl.parse(tilde).select(known, STARTS_WITH_A)).isEqualTo(filtered);
    assertThat(SelectionInUrl.parse(tilde).joins("a999", 50, STARTS_WITH_A)).isTrue();
    assertThat(SelectionInUrl.parse(tilde).joins("b999", 0, STARTS_WITH_A)).isFalse();

    Set<String> picked = new LinkedHashSet<>(List.of("b001", "a002", "b099"));
    String list = SelectionInUrl.format(picked, known, STARTS_WITH_A, false);
    assertThat(SelectionInUrl.parse(list).select(known, STARTS_WITH_A)).isEqualTo(picked);
    assertThat(SelectionInUrl.parse(list).joins("a004", 0, STARTS_WITH_A)).isFalse();
    assertThat(SelectionInUrl.parse("").select(known, STARTS_WITH_A)).isEmpty();
  }

  @Test
  void namesWithCommasAndPercentSignsSurvive() {
    List<String> names = List.of("lr=0.1,bs=32", "100%", "a%2Cb", "plain");
    assertThat(ViewState.decodeList(ViewState.encodeList(names))).isEqualTo(names);
    List<String> known = new ArrayList<>(names);
    known.addAll(runs(60));
    Set<String> picked = new LinkedHashSet<>(names);
    assertThat(SelectionInUrl.parse(SelectionInUrl.format(picked, known, run -> true, false)).select(known, run -> true))
        .isEqualTo(picked);
  }

  @Test
  void aListTooLongForAUrlIsNotWritten() {
    List<String> known = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      known.add("a-rather-long-run-name-" + i);
    }
    Set<String> picked = new LinkedHashSet<>(known.subList(100, 1100));
    assertThat(SelectionInUrl.format(picked, known, run -> true, false)).isNull();
  }
}
