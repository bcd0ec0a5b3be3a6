package dev.draft.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Remembers per endpoint what it supports, in a small JSON file in the cache directory. A missing
 * or unreadable file is an empty cache: losing it only costs one extra probe. Keys are {@link
 * EndpointSettings#capabilityKey()}s, which hold no secret. Thread-safe within a process;
 * concurrent processes may overwrite each other's entries, which is harmless.
 */
public final class CapabilityStore {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          // A file written by another version of draft, with fields this one does not know.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Path file;
  private final Map<String, Capabilities> entries = new TreeMap<>();

  private CapabilityStore(Path file) {
    this.file = file;
  }

  /** A store backed by {@code file}, or by nothing when {@code file} is null. */
  public static CapabilityStore open(Path file) {
    CapabilityStore store = new CapabilityStore(file);
    if (file != null && Files.isRegularFile(file)) {
      try {
        Map<String, Capabilities> read =
            MAPPER.readValue(
                file.toFile(),
                MAPPER
                    .getTypeFactory()
                    .constructMapType(TreeMap.class, String.class, Capabilities.class));
        store.entries.putAll(read);
      } catch (IOException corrupt) {
        // A broken cache is rebuilt by probing again.
      }
      // Older versions keyed entries by the whole base URL, secrets and all: forget those (it
      // costs one probe) and rewrite the file at once, so the secret leaves the disk.
      if (store.entries.keySet().removeIf(CapabilityStore::holdsSecret)) {
        store.save();
      }
    }
    return store;
  }

  /** Whether a key names a base URL with a secret in it; after the '#' is an Azure deployment. */
  private static boolean holdsSecret(String key) {
    int hash = key.lastIndexOf('#');
    String baseUrl = hash < 0 ? key : key.substring(0, hash);
    return !RedactedUrl.of(baseUrl).equals(baseUrl);
  }

  public static CapabilityStore inMemory() {
    return new CapabilityStore(null);
  }

  public synchronized Capabilities get(String endpoint) {
    return entries.getOrDefault(endpoint, Capabilities.UNKNOWN);
  }

  public synchronized void update(String endpoint, UnaryOperator<Capabilities> change) {
    Capabilities before = get(endpoint);
    Capabilities after = change.apply(before);
    if (after.equals(before)) {
      return;
    }
    entries.put(endpoint, after);
    save();
  }

  /** Forgets what is known of one endpoint, so the next request probes again. */
  public synchronized void forget(String endpoint) {
    if (entries.remove(endpoint) != null) {
      save();
    }
  }

  /**
   * Forgets what one endpoint supports, so the next request probes again, but keeps the context
   * windows it named when it refused a prompt: only another refusal can teach them again.
   */
  public synchronized void forgetFeatures(String endpoint) {
    Capabilities before = entries.get(endpoint);
    if (before == null) {
      return;
    }
    Capabilities after = before.withoutFeatures();
    if (after.contextWindows().isEmpty()) {
      entries.remove(endpoint);
    } else {
      entries.put(endpoint, after);
    }
    save();
  }

  private void save() {
    if (file == null) {
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "capabilities", ".tmp");
      MAPPER.writeValue(tmp.toFile(), entries);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException unwritable) {
      // The cache is an optimisation; a read-only cache directory must not fail a run.
    }
  }
}
