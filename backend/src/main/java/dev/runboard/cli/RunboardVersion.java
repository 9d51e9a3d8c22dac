package dev.runboard.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (absent when running from class directories). */
final class RunboardVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = RunboardVersion.class.getPackage().getImplementationVersion();
    return new String[] {"Runboard " + (version == null ? "(development build)" : version)};
  }
}
