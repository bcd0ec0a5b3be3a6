package dev.draft.history;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The name of this machine, recorded with each run's pid: a pid only says whether the writer is
 * gone when it was recorded on the same host.
 */
final class ThisHost {
  private static final String NAME = lookUp();

  private ThisHost() {}

  static String name() {
    return NAME;
  }

  // The kernel's name first: InetAddress.getLocalHost() may wait seconds on a resolver where the
  // host name does not resolve (a common macOS and container set-up).
  private static String lookUp() {
    Path kernel = Path.of("/proc/sys/kernel/hostname");
    try {
      if (Files.isReadable(kernel)) {
        String name = Files.readString(kernel).strip();
        if (!name.isEmpty()) {
          return name;
        }
      }
    } catch (IOException e) {
      // fall through to the resolver
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
