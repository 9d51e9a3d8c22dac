package dev.runboard.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the commands that start the dashboard server. */
final class ServerOptions {
  /** How the dashboard asks who is there (see README, "Team setup"). */
  enum Auth {
    none,
    token,
    basic,
    oidc
  }

  @Option(
      names = "--logdir",
      paramLabel = "DIR",
      defaultValue = "${env:RUNBOARD_LOGDIR:-./runs}",
      description = "Directory whose sub-directories are runs, or s3://bucket/prefix"
          + " (default: $RUNBOARD_LOGDIR, else ./runs).")
  String logdir;

  @Option(
      names = "--logdir_spec",
      paramLabel = "SPEC",
      description = "Several logdirs, name1:DIR_OR_S3_URI,name2:...; each one's runs are named"
          + " name/run, as in TensorBoard. Replaces --logdir.")
  String logdirSpec;

  @Mixin S3EndpointOption s3;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "6006",
      description = "Port to serve on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "H",
      defaultValue = "127.0.0.1",
      description =
          "Address to bind; 0.0.0.0 serves every interface, e.g. for a team, and needs --auth"
              + " (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--auth",
      paramLabel = "MODE",
      defaultValue = "none",
      description = "none (loopback only), token (a random token, printed with the URL; fix it with"
          + " $RUNBOARD_TOKEN), basic (--users-file), or oidc (spring.security.oauth2.client.*"
          + " properties) (default: ${DEFAULT-VALUE}).")
  Auth auth;

  @Option(
      names = "--users-file",
      paramLabel = "FILE",
      description = "For --auth basic: lines 'user:bcrypt-hash' (htpasswd -nB NAME writes one).")
  Path usersFile;

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description = "The URL users open (behind a reverse proxy or a DNS name); its host name is accepted"
          + " in the Host header, and printed at startup.")
  URI publicUrl;

  @Option(
      names = "--cors-origin",
      paramLabel = "ORIGIN",
      split = ",",
      description = "Origins allowed to call the API from their pages (CORS); none by default.")
  List<String> corsOrigins;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description = "Serve HTTPS with this certificate (chain), PEM; needs --tls-key.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      description = "The private key of --tls-cert, PEM (PKCS#8 or PKCS#1).")
  Path tlsKey;

  @Option(
      names = "--max-memory",
      paramLabel = "SIZE",
      description =
          "Heap the index may hold, e.g. 2GB; beyond it, the least recently read series are evicted"
              + " and read again from their files (default: 40% of the heap, see -Xmx).")
  String maxMemory;

  /** What is served, for messages: the spec or the logdir (local ones absolute). */
  String describeLogdir() {
    if (logdirSpec != null) {
      return logdirSpec;
    }
    return dev.runboard.logdir.LogdirSource.isS3(logdir) ? logdir : Path.of(logdir).toAbsolutePath().normalize().toString();
  }
}
