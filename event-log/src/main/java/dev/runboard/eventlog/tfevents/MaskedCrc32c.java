package dev.runboard.eventlog.tfevents;

import java.util.zip.CRC32C;

/**
 * TFRecord's checksum: CRC32C, "masked" (rotated and offset) so that a CRC stored inside data
 * that is itself checksummed does not produce degenerate values.
 */
final class MaskedCrc32c {
  private static final int MASK_DELTA = 0xa282ead8;

  private MaskedCrc32c() {}

  static int of(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return mask((int) crc.getValue());
  }

  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }
}
