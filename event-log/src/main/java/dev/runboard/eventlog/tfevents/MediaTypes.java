package dev.runboard.eventlog.tfevents;

/** Media types of logged bytes, by their magic bytes where the summary itself does not say. */
final class MediaTypes {
  static final String UNKNOWN = "application/octet-stream";

  private MediaTypes() {}

  /** PNG, JPEG or GIF. */
  static String image(byte[] b) {
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return "image/png";
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
      return "image/jpeg";
    }
    if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
      return "image/gif";
    }
    return UNKNOWN;
  }

  /** WAV (what TensorFlow's audio summaries encode), FLAC or Ogg. */
  static String audio(byte[] b) {
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
        && b[8] == 'W' && b[9] == 'A' && b[10] == 'V' && b[11] == 'E') {
      return "audio/wav";
    }
    if (b.length >= 4 && b[0] == 'f' && b[1] == 'L' && b[2] == 'a' && b[3] == 'C') {
      return "audio/flac";
    }
    if (b.length >= 4 && b[0] == 'O' && b[1] == 'g' && b[2] == 'g' && b[3] == 'S') {
      return "audio/ogg";
    }
    return UNKNOWN;
  }
}
