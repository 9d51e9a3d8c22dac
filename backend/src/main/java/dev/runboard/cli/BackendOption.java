package dev.runboard.cli;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.Backends;
import dev.runboard.trainer.backend.CudaUnavailableException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --backend cpu|openblas|java|cuda} of the commands that train (train, bench trainer). */
final class BackendOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--backend",
      paramLabel = "cpu|openblas|java|cuda",
      description = "Trainer kernels: cpu (oneDNN convolutions + OpenBLAS GEMMs), openblas (OpenBLAS with"
          + " im2col convolutions), java (pure Java, the reference) or cuda (cuBLAS on GPU 0; fails, saying"
          + " why, where there is none). Default: -Drunboard.backend, else $RUNBOARD_BACKEND, else cpu.")
  String name;

  /**
   * The chosen backend. An unknown name is a usage error (exit status 2); CUDA asked for where it
   * cannot run throws {@link CudaUnavailableException}, which {@link #unavailable} reports.
   */
  Backend resolve() {
    try {
      return name == null ? Backends.selected() : Backends.named(name);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), "--backend: " + e.getMessage());
    }
  }

  /** Prints why CUDA cannot run, without a stack trace; returns the exit status (1). */
  int unavailable(CudaUnavailableException e) {
    mixee.commandLine().getErr().println(mixee.qualifiedName() + ": " + e.getMessage());
    return 1;
  }
}
