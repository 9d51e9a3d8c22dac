package dev.runboard.eventlog.tfevents;

/** Tells PNG, JPEG and GIF apart by their magic bytes: the summary itself does not say. */
final class ImageMediaTypes {
  static final String UNKNOWN = "application/octet-stream";

  private ImageMediaTypes() {}

  static String of(byte[] b) {
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
}
