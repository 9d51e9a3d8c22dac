package dev.runboard.data;

import java.util.List;

/** The blobs logged for one step of a blob sequence (several images of one batch, say). */
public record BlobSequenceDatum(long step, double wallTime, List<BlobRef> blobs) {
  public BlobSequenceDatum {
    blobs = List.copyOf(blobs);
  }
}
