package dev.runboard.plugin.images;

/**
 * How images are shown: at their natural size or fitted to the card, with a brightness and a
 * contrast in percent (100 = as logged), applied by the browser as CSS filters.
 */
record ImageDisplay(boolean fit, int brightness, int contrast) {
  static final ImageDisplay DEFAULT = new ImageDisplay(false, 100, 100);

  String cssFilter() {
    return brightness == 100 && contrast == 100 ? "none" : "brightness(" + brightness + "%) contrast(" + contrast + "%)";
  }
}
