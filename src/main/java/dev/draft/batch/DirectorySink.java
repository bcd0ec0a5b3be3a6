package dev.draft.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.draft.Draft;
import dev.draft.draft.Status;
import dev.draft.text.IoProblems;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directory destination ({@code --out rewritten/}): one file per complete item, holding the
 * chosen draft's text with one trailing newline, named by a {@link NamePattern} ({@code {{path}}}
 * by default, so a directory of files comes out with the same names, sub-directories and
 * extensions). With {@code --keep-all}, each complete candidate K goes beside it too: {@code a.md}
 * has {@code a.1.md}, {@code a.2.md}. A failed item gets no file.
 *
 * <p>Every item, complete or failed, is recorded in the manifest {@code DEST/.draft-batch.jsonl},
 * one line each, after its files are in place:
 *
 * <pre>{@code
 * {"id": "posts/a.md", "status": "complete", "file": "posts/a.md", "error": null,
 *  "usage": {"prompt_tokens": 310, "completion_tokens": 512}, "where": "posts/a.md",
 *  "candidate_files": ["posts/a.1.md", "posts/a.2.md"]}
 * }</pre>
 *
 * <p>{@code file} is the file written, relative to the destination, null for a failed item (which
 * has none); {@code candidate_files} is there only when candidates were written. A resumed run
 * skips an item whose manifest line is complete and whose file still exists, and runs the others
 * again (the manifest follows the rules of {@link ResultLog}).
 *
 * <p>Files are written whole (temporary file, then a rename), so a kill -9 leaves an item's old
 * file or its new one, never half of one. Two items that resolve to the same file are an error for
 * the second, which gets no file: the first one's is never overwritten.
 */
final class DirectorySink implements BatchSink {
  private final Path root;
  private final Path shownManifest;
  private final NamePattern names;
  private final ResultLog log;
  private final Object lock = new Object();

  /** Every file an item owns: those of complete items found on opening, and this run's. */
  private final IdHashes claimed;

  /** Files claimed by this run's items whose manifest line is not written yet: file to id. */
  private final Map<String, String> inFlight = new HashMap<>();

  private DirectorySink(
      Path root, Path shownManifest, NamePattern names, ResultLog log, IdHashes claimed) {
    this.root = root;
    this.shownManifest = shownManifest;
    this.names = names;
    this.log = log;
    this.claimed = claimed;
  }

  /**
   * Opens the directory {@code dest}, creating it when missing, resuming what its manifest records
   * unless {@code redo}.
   *
   * @param namePattern how to name the files; null for {@link NamePattern#DEFAULT}
   * @throws BatchException when the pattern is not usable
   * @throws IOException when the directory or its manifest cannot be created, read or written
   */
  static DirectorySink open(Path dest, boolean redo, String namePattern) throws IOException {
    NamePattern names = NamePattern.parse(namePattern);
    Files.createDirectories(dest);
    Path root = dest.toAbsolutePath().normalize();
    WholeFiles.removeLeftovers(root);
    IdHashes claimed = new IdHashes();
    ResultLog log =
        ResultLog.open(
            root.resolve(NamePattern.MANIFEST),
            redo,
            line -> {
              List<String> files = filesOf(line);
              if (files.isEmpty() || !isFileInside(root, files.get(0))) {
                return false;
              }
              files.forEach(f -> claimed.add(IdHashes.of(f)));
              return true;
            });
    return new DirectorySink(root, dest.resolve(NamePattern.MANIFEST), names, log, claimed);
  }

  @Override
  public boolean done(String id) {
    return log.done(id);
  }

  @Override
  public long doneCount() {
    return log.doneCount();
  }

  /**
   * @throws IllegalStateException when the item was recorded already, in this run or (complete) in
   *     an earlier one
   * @throws IllegalArgumentException when a complete result has no chosen draft
   */
  @Override
  public BatchResult write(BatchResult result) throws IOException {
    BatchItem item = result.item();
    if (result.complete() && result.chosen() == null) {
      throw new IllegalArgumentException("item " + item.id() + " is complete without a draft");
    }
    log.claim(item.id());
    if (!result.complete()) {
      return recorded(result);
    }
    String file;
    try {
      file = names.resolve(item);
    } catch (IllegalArgumentException e) {
      return recorded(failed(result, "no file for it: " + e.getMessage()));
    }
    // The chosen draft's file first, then each complete candidate's.
    Map<String, Draft> drafts = new LinkedHashMap<>();
    drafts.put(file, result.chosen());
    for (Draft d : result.candidates()) {
      if (d.status() == Status.COMPLETE) {
        drafts.put(NamePattern.candidate(file, d.index()), d);
      }
    }
    Map<Path, Draft> targets = new LinkedHashMap<>();
    drafts.forEach((f, d) -> targets.put(inside(f, item), d));
    String taken = claim(drafts.keySet(), item.id());
    if (taken != null) {
      String owner = owner(taken);
      return recorded(
          failed(
              result,
              (owner == null ? "another item and " : "items " + owner + " and ")
                  + item.id()
                  + " both resolve to the file "
                  + taken
                  + ", so "
                  + item.id()
                  + " was not written: put {{id}} in the file name pattern"));
    }
    try {
      for (Map.Entry<Path, Draft> target : targets.entrySet()) {
        WholeFiles.write(target.getKey(), textOf(target.getValue()));
      }
    } catch (IOException e) {
      // Its files stay claimed (and in flight, so a later item on them is told whose they are).
      return recorded(failed(result, "cannot write " + file + ": " + IoProblems.reason(e)));
    }
    List<String> candidates = new ArrayList<>(drafts.keySet()).subList(1, drafts.size());
    record(result, file, candidates);
    synchronized (lock) {
      drafts.keySet().forEach(inFlight::remove);
    }
    return result;
  }

  /** Records a result that has no file, and returns it. */
  private BatchResult recorded(BatchResult result) throws IOException {
    record(result, null, List.of());
    return result;
  }

  @Override
  public String failuresWhere() {
    return shownManifest + " (lines with \"status\": \"failed\")";
  }

  @Override
  public void close() throws IOException {
    log.close();
  }

  /** Claims {@code files} for {@code id}; returns the first one another item owns, else null. */
  private String claim(Collection<String> files, String id) {
    synchronized (lock) {
      for (String f : files) {
        if (claimed.contains(IdHashes.of(f))) {
          return f;
        }
      }
      for (String f : files) {
        claimed.add(IdHashes.of(f));
        inFlight.put(f, id);
      }
      return null;
    }
  }

  /**
   * The id of the item that owns {@code file}: one of this run's still being written, else the one
   * the manifest names. Only read on a collision, which is rare, so the ids need not be held.
   */
  private String owner(String file) throws IOException {
    synchronized (lock) {
      String id = inFlight.get(file);
      if (id != null) {
        return id;
      }
    }
    // The owner's line was appended before it left inFlight; a cut last line is skipped.
    try (BufferedReader reader = Files.newBufferedReader(log.file(), StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode node;
        try {
          node = ResultJson.LINE_READER.readTree(line);
        } catch (IOException e) {
          continue;
        }
        if (node != null
            && BatchResult.COMPLETE.equals(ResultJson.text(node, "status"))
            && filesOf(node).contains(file)) {
          return ResultJson.text(node, "id");
        }
      }
    }
    return null;
  }

  private void record(BatchResult result, String file, List<String> candidates) throws IOException {
    ObjectNode node = ResultJson.MAPPER.createObjectNode();
    node.put("id", result.item().id());
    node.put("status", result.status());
    node.put("file", file);
    node.put("error", result.error());
    node.set("usage", ResultJson.usage(result.usage()));
    node.put("where", result.item().where());
    if (!candidates.isEmpty()) {
      var array = node.putArray("candidate_files");
      candidates.forEach(array::add);
    }
    log.append(ResultJson.line(node));
  }

  /** {@code file} under the destination, which it cannot leave. */
  private Path inside(String file, BatchItem item) {
    Path target = root.resolve(file).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new BatchException(
          "item "
              + item.id()
              + " would be written to "
              + target
              + ", outside "
              + root
              + ": use a file name pattern without '..' or a leading '/'");
    }
    return target;
  }

  private static BatchResult failed(BatchResult result, String error) {
    return BatchResult.failed(result.item(), error, result.usage());
  }

  /** A draft's text with exactly one trailing newline. */
  private static byte[] textOf(Draft d) {
    String text = d.text() == null ? "" : d.text();
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return (text.substring(0, end) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The files a manifest line names: its file, then its candidates'. */
  private static List<String> filesOf(JsonNode line) {
    List<String> files = new ArrayList<>();
    String file = ResultJson.text(line, "file");
    if (file == null) {
      return files;
    }
    files.add(file);
    JsonNode candidates = line.get("candidate_files");
    if (candidates != null && candidates.isArray()) {
      candidates.forEach(c -> files.add(c.asText()));
    }
    return files;
  }

  private static boolean isFileInside(Path root, String file) {
    try {
      Path path = root.resolve(file).normalize();
      return path.startsWith(root) && Files.isRegularFile(path);
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
