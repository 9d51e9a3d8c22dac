package dev.runboard.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The users of {@code --auth basic}: one {@code name:hash} per line (blank lines and {@code #}
 * comments skipped), the hash a bcrypt hash as {@code htpasswd -nB name} writes it ({@code $2y$…},
 * {@code $2a$…}, {@code $2b$…}, optionally prefixed {@code {bcrypt}}). Anything else is refused at
 * startup, naming the line: a plain-text password must not work by accident.
 */
final class UsersFile {
  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

  private UsersFile() {}

  static InMemoryUserDetailsManager load(Path file) {
    if (file == null) {
      throw new ConfigurationProblem(
          "--auth basic needs --users-file FILE (runboard.security.users-file): lines 'name:bcrypt-hash'");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigurationProblem("cannot read the users file " + file + ": " + e.getMessage(), e);
    }
    List<UserDetails> users = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + " line " + (i + 1);
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new ConfigurationProblem(where + ": expected 'name:bcrypt-hash'");
      }
      String name = line.substring(0, colon);
      String hash = line.substring(colon + 1);
      if (hash.startsWith("{bcrypt}")) {
        hash = hash.substring("{bcrypt}".length());
      }
      if (!BCRYPT.matcher(hash).matches()) {
        throw new ConfigurationProblem(
            where + ": the password of '" + name + "' is not a bcrypt hash (make one with"
                + " 'htpasswd -nB " + name + "')");
      }
      if (!names.add(name)) {
        throw new ConfigurationProblem(where + ": user '" + name + "' is listed twice");
      }
      users.add(User.withUsername(name).password("{bcrypt}" + hash).roles("USER").build());
    }
    if (users.isEmpty()) {
      throw new ConfigurationProblem("the users file " + file + " lists no user");
    }
    return new InMemoryUserDetailsManager(users);
  }
}
