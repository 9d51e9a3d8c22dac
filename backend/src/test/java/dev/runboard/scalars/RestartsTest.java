package dev.runboard.scalars;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.data.RunInfo;
import dev.runboard.data.SessionInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TensorBoard's purge rule over points that carry no session, only a wall time. */
class RestartsTest {
  @Test
  void aSessionResumingAtStepSDropsEarlierPointsAtOrAboveS() {
    // Session 1 (t=100) logs steps 0..9 at t=100+step; session 2 (t=200) resumes at 5 and logs
    // 5..12 at t=200+step; session 3 (t=300) resumes at 11 and logs 11..14.
    long[] steps = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 6, 7, 8, 9, 10, 11, 12, 11, 12, 13, 14};
    double[] walls = new double[steps.length];
    for (int i = 0; i < steps.length; i++) {
      walls[i] = (i < 10 ? 100 : i < 18 ? 200 : 300) + steps[i];
    }
    List<SessionInfo> sessions = List.of(
        new SessionInfo(300, 11, "c"), new SessionInfo(100, 0, "a"), new SessionInfo(200, 5, "b"));
    int[] kept = Restarts.survivors(sessions, steps, walls);
    long[] keptSteps = new long[kept.length];
    for (int i = 0; i < kept.length; i++) {
      keptSteps[i] = steps[kept[i]];
    }
    assertThat(keptSteps).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    assertThat(kept).startsWith(0, 1, 2, 3, 4, 10); // session 1's 5..9 are gone, session 2's stay
  }

  @Test
  void withoutRestartsEveryPointSurvives() {
    assertThat(Restarts.survivors(List.of(), new long[] {1, 2}, new double[] {1, 2})).isNull();
    assertThat(Restarts.survivors(List.of(new SessionInfo(0, 0, "a")), new long[] {1, 2}, new double[] {1, 2})).isNull();
  }

  @Test
  void restartsAreTheSessionsAfterTheFirst() {
    RunInfo run = new RunInfo("r", 100, 400, 14,
        List.of(new SessionInfo(100, 0, "a"), new SessionInfo(200, 5, "b")), List.of(), Map.of(), Map.of(), true);
    assertThat(Restarts.of(run)).containsExactly(new Restarts.Boundary(5, 200, "b"));
    // Points logged with wall times from before the writer started (explicit times, a clock that
    // was behind): the first session is still no restart.
    RunInfo early = new RunInfo("r", 10, 20, 14, List.of(new SessionInfo(100, 0, "a")), List.of(), Map.of(), Map.of(), true);
    assertThat(Restarts.of(early)).isEmpty();
  }

  @Test
  void pointsFromBeforeTheFirstSessionBelongToItAndOnlyLaterSessionsSupersedeThem() {
    long[] steps = {0, 1, 2, 3, 2, 3};
    double[] walls = {10, 11, 12, 13, 300, 301}; // the first session began at 100, after its points
    assertThat(Restarts.survivors(List.of(new SessionInfo(100, 0, "a")), new long[] {0, 1, 2}, new double[] {1, 2, 3}))
        .isNull();
    int[] kept = Restarts.survivors(
        List.of(new SessionInfo(100, 0, "a"), new SessionInfo(200, 2, "b")), steps, walls);
    assertThat(kept).containsExactly(0, 1, 4, 5);
  }
}
