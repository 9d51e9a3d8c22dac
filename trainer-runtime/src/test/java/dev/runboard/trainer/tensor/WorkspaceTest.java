package dev.runboard.trainer.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkspaceTest {
  @Test
  void recyclesArraysBetweenStepsAndZeroesOnRequest() {
    try (Workspace workspace = Workspace.open()) {
      float[] first = Workspace.floats(8);
      first[3] = 7f;
      assertThat(Workspace.floats(8)).isNotSameAs(first); // still in use this step
      workspace.recycle();
      float[] again = Workspace.zeros(8);
      assertThat(again).isSameAs(first).containsOnly(0f);
      assertThat(Workspace.ints(4)).hasSize(4);
    }
    // Outside a workspace every call is a fresh array.
    assertThat(Workspace.floats(8)).isNotSameAs(Workspace.floats(8));
  }

  @Test
  void nestedWorkspacesLeaveTheOuterOnesArraysAlone() {
    try (Workspace outer = Workspace.open()) {
      float[] kept = Workspace.floats(4);
      try (Workspace inner = Workspace.open()) {
        float[] scratch = Workspace.floats(4);
        inner.recycle();
        assertThat(Workspace.floats(4)).isSameAs(scratch).isNotSameAs(kept);
      }
      outer.recycle();
      assertThat(Workspace.floats(4)).isSameAs(kept);
    }
  }

  @Test
  void closingOutOfOrderIsAnError() {
    Workspace outer = Workspace.open();
    Workspace inner = Workspace.open();
    assertThatThrownBy(outer::close).hasMessageContaining("reverse order");
    inner.close();
    outer.close();
  }

  @Test
  void stepResourcesAreClosedAtRecycleAndClose() {
    int[] closed = new int[1];
    try (Workspace workspace = Workspace.open()) {
      Workspace.closeAtStepEnd(() -> closed[0]++);
      assertThat(closed[0]).isZero();
      workspace.recycle();
      assertThat(closed[0]).isEqualTo(1);
      Workspace.closeAtStepEnd(() -> closed[0]++);
    }
    assertThat(closed[0]).isEqualTo(2);
  }
}
