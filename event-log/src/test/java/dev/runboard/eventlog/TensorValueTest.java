package dev.runboard.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorValueTest {
  @Test
  void elementsMustMatchTheShape() {
    assertThatThrownBy(() -> new TensorValue("float32", new long[] {2, 3}, new byte[20]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("6 elements (24 bytes), data holds 20 bytes");
    assertThatThrownBy(() -> new TensorValue("float16", new long[0], new byte[2]))
        .hasMessageContaining("unknown dtype 'float16'");
    assertThatThrownBy(() -> new TensorValue("int32", new long[] {-1}, new byte[0]))
        .hasMessageContaining("negative dimension");
    assertThatThrownBy(() -> new TensorValue("int32", new long[] {1L << 20, 1L << 20}, new byte[0]))
        .hasMessageContaining("too large");
    assertThatThrownBy(() -> TensorValue.ofDoubles(new long[] {2}, new double[3]))
        .hasMessageContaining("2 elements, got 3 values");
    assertThatThrownBy(() -> TensorValue.ofFloats(new long[] {4}, new float[3]))
        .hasMessageContaining("4 elements, got 3 values");
    assertThat(new TensorValue("bool", new long[] {0, 5}, new byte[0]).elementCount()).isZero();
  }

  @Test
  void everyDtypeReadsAsDoublesLittleEndianRowMajor() {
    assertThat(TensorValue.ofFloats(new long[] {2, 2}, new float[] {1.5f, -2f, Float.NaN, 3e38f}).toDoubles())
        .containsExactly(1.5, -2.0, Double.NaN, (double) 3e38f);
    assertThat(TensorValue.ofDoubles(new long[0], new double[] {Math.PI}).toDoubles()).containsExactly(Math.PI);
    assertThat(new TensorValue("int32", new long[] {2}, new byte[] {1, 0, 0, 0, -2, -1, -1, -1}).toDoubles())
        .containsExactly(1.0, -2.0);
    assertThat(new TensorValue("int64", new long[] {1}, new byte[] {0, 0, 0, 0, 0, 0, 0, 1}).toDoubles())
        .containsExactly(72057594037927936.0);
    assertThat(new TensorValue("bool", new long[] {3}, new byte[] {0, 1, 7}).toDoubles())
        .containsExactly(0.0, 1.0, 1.0);
  }

  @Test
  void equalityComparesTheArraysAndTheShapeCannotBeChangedFromOutside() {
    long[] shape = {2};
    TensorValue a = TensorValue.ofDoubles(shape, new double[] {1, 2});
    shape[0] = 5;
    assertThat(a.shape()).containsExactly(2L);
    a.shape()[0] = 7;
    assertThat(a.shape()).containsExactly(2L);
    TensorValue b = TensorValue.ofDoubles(new long[] {2}, new double[] {1, 2});
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(TensorValue.ofDoubles(new long[] {2}, new double[] {1, 3}));
    assertThat(a).isNotEqualTo(TensorValue.ofDoubles(new long[] {1, 2}, new double[] {1, 2}));
    TensorEvent e1 = new TensorEvent("t", 1, 2, "p", new byte[] {1}, a);
    TensorEvent e2 = new TensorEvent("t", 1, 2, "p", new byte[] {1}, b);
    assertThat(e1).isEqualTo(e2).hasSameHashCodeAs(e2);
    assertThat(e1).isNotEqualTo(new TensorEvent("t", 1, 2, "p", new byte[] {2}, a));
    BlobEvent c1 = new BlobEvent("c", 1, 2, "audio", new byte[0], 0, "audio/wav", new byte[] {1, 2});
    BlobEvent c2 = new BlobEvent("c", 1, 2, "audio", new byte[0], 0, "audio/wav", new byte[] {1, 2});
    assertThat(c1).isEqualTo(c2).hasSameHashCodeAs(c2);
    assertThat(c1).isNotEqualTo(new BlobEvent("c", 1, 2, "audio", new byte[0], 1, "audio/wav", new byte[] {1, 2}));
    assertThat(c1.toString()).contains("2 bytes");
  }
}
