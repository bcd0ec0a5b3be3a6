package dev.draft.client;

/** The version of draft, from the jar's manifest ("dev" when run from classes). */
public final class Version {
  private Version() {}

  /** What {@code draft --version} prints. */
  public static String line() {
    return "draft " + get();
  }

  public static String get() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
