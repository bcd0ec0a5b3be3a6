package dev.draft.ui;

/**
 * A key press, already decoded by the view. A character outside the BMP arrives as two {@link
 * Type#CHAR} keys, its high then its low surrogate.
 *
 * @param ch the character for {@link Type#CHAR}, else {@code '\0'}
 */
public record Key(Type type, char ch) {
  /** The keys the picker tells apart. */
  public enum Type {
    CHAR,
    UP,
    DOWN,
    LEFT,
    RIGHT,
    PAGE_UP,
    PAGE_DOWN,
    HOME,
    END,
    ENTER,
    ESCAPE,
    BACKSPACE,
    TAB,
    CTRL_C
  }

  public static Key of(char c) {
    return new Key(Type.CHAR, c);
  }

  /**
   * @throws IllegalArgumentException for {@link Type#CHAR}, which needs its character
   */
  public static Key of(Type type) {
    if (type == Type.CHAR) {
      throw new IllegalArgumentException("a CHAR key needs its character: use Key.of(char)");
    }
    return new Key(type, '\0');
  }

  boolean is(char c) {
    return type == Type.CHAR && ch == c;
  }
}
