package dev.draft.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTermsTest {
  @Test
  void eachWordBecomesAQuotedString() {
    assertThat(SearchTerms.of("river  OR lake")).containsExactly("\"river\"", "\"OR\"", "\"lake\"");
  }

  @Test
  void quotesInsideAWordAreDoubled() {
    assertThat(SearchTerms.of("it's a\"b")).containsExactly("\"it's\"", "\"a\"", "\"b\"");
  }

  @Test
  void aQuotedPhraseStaysOnePhrase() {
    assertThat(SearchTerms.of("\"blue river\" tea")).containsExactly("\"blue river\"", "\"tea\"");
  }

  @Test
  void aTrailingStarIsAPrefixSearch() {
    assertThat(SearchTerms.of("riv* tea**")).containsExactly("\"riv\"*", "\"tea\"*");
  }

  @Test
  void termsWithoutLettersOrDigitsAreDropped() {
    assertThat(SearchTerms.of("* - ( ) \"\" ^ :")).isEmpty();
    assertThat(SearchTerms.nothingToFind("* -")).isTrue();
    assertThat(SearchTerms.nothingToFind("  ")).isFalse();
    assertThat(SearchTerms.nothingToFind(null)).isFalse();
  }

  @Test
  void repeatedTermsAreSearchedOnce() {
    assertThat(SearchTerms.of("tea Tea tea")).containsExactly("\"tea\"", "\"Tea\"");
  }

  @Test
  void lettersOfAnyScriptCount() {
    assertThat(SearchTerms.of("río 河流")).containsExactly("\"río\"", "\"河流\"");
  }
}
