package dev.runboard.eventlog.tfevents;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes TFRecord framing (the inverse of {@link TfRecordReader}): used to build benchmark logdirs
 * and test files; Runboard itself logs to Arrow.
 */
public final class TfRecordWriter {
  private final OutputStream out;
  private final ByteBuffer header = ByteBuffer.allocate(TfRecordReader.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final ByteBuffer footer = ByteBuffer.allocate(TfRecordReader.FOOTER_BYTES).order(ByteOrder.LITTLE_ENDIAN);

  public TfRecordWriter(OutputStream out) {
    this.out = out;
  }

  /** The bytes of one framed record, for tests that write records piecemeal. */
  public static byte[] frame(byte[] payload) {
    ByteBuffer record =
        ByteBuffer.allocate(TfRecordReader.HEADER_BYTES + payload.length + TfRecordReader.FOOTER_BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
    record.putLong(payload.length);
    record.putInt(MaskedCrc32c.of(record.array(), 0, 8));
    record.put(payload);
    record.putInt(MaskedCrc32c.of(payload, 0, payload.length));
    return record.array();
  }

  public void write(byte[] payload) throws IOException {
    header.clear();
    header.putLong(payload.length);
    header.putInt(MaskedCrc32c.of(header.array(), 0, 8));
    footer.clear();
    footer.putInt(MaskedCrc32c.of(payload, 0, payload.length));
    out.write(header.array());
    out.write(payload);
    out.write(footer.array());
  }
}
