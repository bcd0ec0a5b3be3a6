package dev.draft;

import dev.draft.config.AppDirs;
import dev.draft.text.Moves;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Help as printed last time, for {@code draft --help} and {@code draft NAME --help}: building it
 * means reading every command's options and parsing and checking every template, some ten times the
 * start of the JVM itself, to print the same text as the time before. The text is kept in the cache
 * directory under everything it depends on: the arguments, draft's jar, the JVM, the template
 * folders (every file's name, size and time of change), the environment that decides colour, and
 * what standard output is (a terminal, a pipe, a file). A change to any of them is a different key,
 * so the help is built again, never stale.
 *
 * <p>The way to a kept text loads a few dozen classes and no lambda (the first one costs more than
 * the rest of the way). Only where that can be known cheaply: from a jar, on a system with {@code
 * /proc/self/fd} (Linux); elsewhere help is always built.
 */
final class HelpCache {
  private static final Path STDOUT = Path.of("/proc/self/fd/1");

  private final Path file;
  private final String key;

  private HelpCache(Path file, String key) {
    this.file = file;
    this.key = key;
  }

  /**
   * The cache entry {@code args} would use, when they ask for help only ({@code --help} or {@code
   * -h}, alone or after one command name) and the inputs of the help can be known.
   */
  static Optional<HelpCache> forArgs(String[] args, Map<String, String> env, Path cwd) {
    if (!asksForHelp(args)) {
      return Optional.empty();
    }
    try {
      Optional<Path> jar = jar();
      if (jar.isEmpty() || !Files.exists(STDOUT)) {
        return Optional.empty();
      }
      return Optional.of(of(args, env, cwd, jar.get(), Files.readSymbolicLink(STDOUT).toString()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // the help is built, as it always can be
    }
  }

  /**
   * The entry for {@code args} run from {@code jar} with standard output at {@code stdout} (the
   * target of {@code /proc/self/fd/1}).
   */
  static HelpCache of(String[] args, Map<String, String> env, Path cwd, Path jar, String stdout)
      throws IOException {
    AppDirs dirs = AppDirs.from(env);
    List<String> parts = new ArrayList<>();
    parts.add("args=" + String.join("\u0000", args));
    parts.add("jar=" + jar);
    // Properties, not Runtime.version(): its parsing spins up lambdas, milliseconds of a start.
    parts.add(
        "java=" + System.getProperty("java.home") + " " + System.getProperty("java.vm.version"));
    parts.add("stdout=" + kind(stdout));
    for (String variable : List.of("NO_COLOR", "TERM")) {
      parts.add(variable + "=" + env.getOrDefault(variable, "\u0000"));
    }
    // One file per way of asking (the parts so far); the rest of the key is checked inside it, so
    // a rebuild or another project replaces the text there instead of adding files for ever.
    String slot = String.join("\n", parts);
    parts.add("build=" + identity(jar));
    folder(parts, dirs.promptsDir());
    folder(parts, cwd.resolve(".draft").resolve("prompts"));
    String key = String.join("\n", parts).replace("\r", "\\r");
    Path file = dirs.cacheDir().resolve("help").resolve(checksum(slot) + ".txt");
    return new HelpCache(file, key);
  }

  private static String checksum(String text) {
    CRC32 crc = new CRC32();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    crc.update(bytes, 0, bytes.length);
    return Long.toHexString(crc.getValue());
  }

  Path file() {
    return file;
  }

  static boolean asksForHelp(String[] args) {
    if (args.length == 1) {
      return isHelp(args[0]);
    }
    return args.length == 2 && !args[0].startsWith("-") && !args[0].isEmpty() && isHelp(args[1]);
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  /**
   * What the help printed last time under the same key, if it is there and whole: the file holds
   * the key itself before the text, so that two keys of one checksum never share a text.
   */
  Optional<byte[]> read() {
    try {
      byte[] stored = Files.readAllBytes(file);
      byte[] header = (key + "\n\u0000\n").getBytes(StandardCharsets.UTF_8);
      if (stored.length < header.length
          || !Arrays.equals(stored, 0, header.length, header, 0, header.length)) {
        return Optional.empty();
      }
      return Optional.of(Arrays.copyOfRange(stored, header.length, stored.length));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Keeps {@code text} for the next time; a cache that cannot be written is no cache. */
  void write(byte[] text) {
    try {
      Files.createDirectories(file.getParent());
      // Not Files.createTempFile: its random name starts up SecureRandom and the security
      // providers, more than the rest of a kept help costs. A clash of names only fails the write.
      Path part = file.resolveSibling(file.getFileName() + "." + System.nanoTime() + ".part");
      try {
        try (OutputStream out =
            Files.newOutputStream(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          out.write((key + "\n\u0000\n").getBytes(StandardCharsets.UTF_8));
          out.write(text);
        }
        Moves.replace(part, file);
      } finally {
        Files.deleteIfExists(part);
      }
    } catch (IOException | RuntimeException e) {
      // Nothing lost: the help is built again next time.
    }
  }

  /** An output stream that also keeps what passes through it, for {@link #write}. */
  static final class Tee extends OutputStream {
    private final OutputStream out;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    Tee(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      copy.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      copy.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    byte[] copied() {
      return copy.toByteArray();
    }
  }

  /** An output stream that only notes whether anything was written to it, then passes it on. */
  static final class Watched extends OutputStream {
    private final OutputStream out;
    private volatile boolean written;

    Watched(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      written = true;
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      written |= len > 0;
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    boolean written() {
      return written;
    }
  }

  /**
   * What kind of file standard output is, from the target of {@code /proc/self/fd/1}: help is
   * coloured on a terminal, and the same kind of output gets the same text.
   */
  static String kind(String target) {
    if (target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")) {
      return "terminal";
    }
    if (target.equals("/dev/null")) {
      return "null";
    }
    int colon = target.indexOf(':');
    if (!target.startsWith("/") && colon > 0) {
      return target.substring(0, colon); // pipe:[…], socket:[…], anon_inode:[…]
    }
    return "file";
  }

  private static Optional<Path> jar() {
    CodeSource source = HelpCache.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      Path path = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Size, time of change and, where the system has one, the file's identity (device, inode). */
  private static String identity(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return attributes.size()
        + " "
        + attributes.lastModifiedTime().toMillis()
        + " "
        + attributes.fileKey();
  }

  /** The folder's files, each with its size and time of change, in name order; or its absence. */
  private static void folder(List<String> parts, Path dir) throws IOException {
    if (!Files.exists(dir)) {
      parts.add("folder=" + dir + " absent");
      return;
    }
    if (!Files.isDirectory(dir)) {
      parts.add("folder=" + dir + " not a folder " + identity(dir));
      return;
    }
    List<String> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        // A link that leads nowhere is a file too: its template is listed as broken.
        String what = Files.exists(entry) ? identity(entry) : "dangling";
        files.add(entry.getFileName() + " " + what);
      }
    }
    files.sort(null);
    parts.add("folder=" + dir + " " + String.join("|", files));
  }
}
