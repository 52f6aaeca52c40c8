package dev.modelport.drift.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.drift.baseline.RegistryAnswers.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which registry statuses make an event bad and which are retried. */
class RegistryAnswersTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "400, INVALID_REQUEST",
    "422, INVALID_REQUEST",
    "404, UNKNOWN_VERSION",
    "410, UNKNOWN_VERSION",
    "414, REQUEST_TOO_LONG",
    "431, REQUEST_TOO_LONG",
    "405, REFUSED",
    "409, REFUSED",
    "413, REFUSED",
    "415, REFUSED",
    "451, REFUSED",
    "499, REFUSED",
  })
  void aStatusThatSaysTheRequestIsWrongMakesTheEventBad(int status, Verdict expected) {
    assertThat(RegistryAnswers.classify(status)).isEqualTo(expected);
    assertThat(expected.eventIsBad()).isTrue();
  }

  @ParameterizedTest(name = "{0} is retried")
  @CsvSource({"401", "403", "407", "408", "429", "500", "502", "503", "504", "599", "302", "600"})
  void serverErrorsThrottlingAndCredentialsAreRetriedNotBlamedOnTheEvent(int status) {
    assertThat(RegistryAnswers.classify(status)).isEqualTo(Verdict.RETRY);
    assertThat(Verdict.RETRY.eventIsBad()).isFalse();
  }
}
