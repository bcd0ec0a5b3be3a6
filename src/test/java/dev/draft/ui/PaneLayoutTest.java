package dev.draft.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaneLayoutTest {
  @Test
  void threePanesStandSideBySideOnAWideTerminal() {
    PaneLayout layout = PaneLayout.of(120, 30, 3, 0);
    assertThat(layout.sideBySide()).isTrue();
    assertThat(layout.paneWidth()).isEqualTo(38);
    assertThat(layout.shown()).isEqualTo(3);
  }

  @Test
  void panesStackWhenColumnsWouldBeNarrowerThanProseNeeds() {
    PaneLayout layout = PaneLayout.of(80, 24, 3, 0);
    assertThat(layout.sideBySide()).isFalse();
    assertThat(layout.paneWidth()).isEqualTo(80);
    assertThat(layout.paneHeight()).isEqualTo(8);
    assertThat(layout.shown()).isEqualTo(3);
  }

  @Test
  void eightStackedPanesOnASmallTerminalShowAWindowAroundTheFocus() {
    PaneLayout layout = PaneLayout.of(60, 10, 8, 6);
    assertThat(layout.shown()).isEqualTo(5);
    assertThat(layout.first()).isBetween(2, 6);
    assertThat(6).isBetween(layout.first(), layout.first() + layout.shown() - 1);
    assertThat(PaneLayout.of(60, 10, 8, 7).first()).isEqualTo(3);
    assertThat(PaneLayout.of(60, 10, 8, 0).first()).isZero();
  }

  @Test
  void aSinglePaneTakesTheWholeScreen() {
    PaneLayout layout = PaneLayout.of(100, 20, 1, 0);
    assertThat(layout.sideBySide()).isFalse();
    assertThat(layout.paneHeight()).isEqualTo(20);
  }
}
