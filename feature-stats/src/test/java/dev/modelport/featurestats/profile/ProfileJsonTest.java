package dev.modelport.featurestats.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.junit.jupiter.api.Test;

/**
 * The persisted profile format. {@code src/test/resources/profile-format/v1.json} is the golden
 * file of format version 1; regenerate it only for a new version, with {@code
 * -Dfeaturestats.writeGolden=src/test/resources/profile-format/vN.json}.
 */
class ProfileJsonTest {

  static final ProfileOptions OPTIONS = new ProfileOptions(8, 16, 4, 4, 8, 99);

  /**
   * A small profile exercising every part: exact and overflowed reservoirs, exact and sketched
   * categories.
   */
  static DatasetProfile goldenProfile() {
    FeatureSchema schema =
        FeatureSchema.of(
            FeatureSpec.numeric("small"),
            FeatureSpec.numeric("long"),
            FeatureSpec.numeric("empty"),
            FeatureSpec.categorical("colour"),
            FeatureSpec.categorical("many"));
    DatasetProfile p = DatasetProfile.create(schema, OPTIONS);
    for (int i = 0; i < 12; i++) {
      p.numeric("small").update(i % 3 == 0 ? Double.NaN : i * 0.5);
      p.categorical("colour").update(i % 4 == 0 ? "" : i % 3 == 0 ? "red" : "blue");
      p.numeric("empty").update(Double.NaN);
    }
    for (int i = 0; i < 200; i++) {
      p.numeric("long").update(Math.sin(i) * 100);
      p.categorical("many").update(i % 7L);
    }
    return p;
  }

  @Test
  void goldenFileOfFormatVersion1StillReads() throws IOException {
    Path out =
        System.getProperty("featurestats.writeGolden") == null
            ? null
            : Path.of(System.getProperty("featurestats.writeGolden"));
    if (out != null) {
      Files.writeString(out, ProfileJson.toJson(goldenProfile()) + "\n", StandardCharsets.UTF_8);
    }
    DatasetProfile golden;
    try (InputStream in = getClass().getResourceAsStream("/profile-format/v1.json")) {
      golden = ProfileJson.read(in);
    }
    assertSameProfile(golden, goldenProfile(), false);
    JsonNode written =
        new ObjectMapper().readTree(getClass().getResource("/profile-format/v1.json"));
    JsonNode longEdges = written.get("features").get(1).get("binEdges");
    assertThat(golden.numeric("long").binEdges())
        .hasSize(3)
        .containsExactly(
            longEdges.get(0).asDouble(), longEdges.get(1).asDouble(), longEdges.get(2).asDouble());
    assertThat(golden.numeric("small").count()).isEqualTo(8);
    assertThat(golden.numeric("small").missing()).isEqualTo(4);
    assertThat(golden.numeric("long").isExact()).isFalse();
    assertThat(golden.categorical("many").isExact()).isFalse();
    assertThat(golden.categorical("colour").frequencies())
        .containsEntry("red", 3L)
        .containsEntry("blue", 6L);
  }

  @Test
  void aProfileRoundTripsThroughJson() throws IOException {
    DatasetProfile original = goldenProfile();

    DatasetProfile back = ProfileJson.fromJson(ProfileJson.toJson(original));

    assertSameProfile(back, original, true);
    assertThat(ProfileJson.toJson(back)).isEqualTo(ProfileJson.toJson(original));
  }

  @Test
  void aProfileReadFromJsonKeepsMerging() throws IOException {
    DatasetProfile back = ProfileJson.fromJson(ProfileJson.toJson(goldenProfile()));
    DatasetProfile both = goldenProfile();

    back.merge(goldenProfile());
    both.merge(goldenProfile());

    assertThat(back.numeric("small").count()).isEqualTo(16);
    assertThat(back.numeric("small").variance())
        .isCloseTo(both.numeric("small").variance(), org.assertj.core.api.Assertions.within(1e-12));
    assertThat(back.categorical("colour").frequencies())
        .isEqualTo(both.categorical("colour").frequencies());
    assertThat(back.numeric("long").sketch().getN()).isEqualTo(400);
  }

  @Test
  void anUnknownFormatVersionIsRejected() {
    String json =
        ProfileJson.toJson(goldenProfile())
            .replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");

    assertThatThrownBy(() -> ProfileJson.fromJson(json))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("formatVersion");
  }

  /**
   * Same statistics. KLL compaction is randomised (not seeded), so a rebuilt profile's sketch-based
   * parts (quantiles, and bin edges once the reservoir overflowed) are compared only when {@code
   * sameSketches}.
   */
  static void assertSameProfile(
      DatasetProfile actual, DatasetProfile expected, boolean sameSketches) {
    assertThat(actual.schema()).isEqualTo(expected.schema());
    assertThat(actual.options()).isEqualTo(expected.options());
    for (int i = 0; i < expected.schema().size(); i++) {
      FeatureProfile a = actual.feature(i);
      FeatureProfile e = expected.feature(i);
      assertThat(a.count()).as(e.name()).isEqualTo(e.count());
      assertThat(a.missing()).as(e.name()).isEqualTo(e.missing());
      if (e instanceof NumericProfile en) {
        NumericProfile an = (NumericProfile) a;
        assertThat(Double.valueOf(an.mean())).as(e.name()).isEqualTo(Double.valueOf(en.mean()));
        assertThat(Double.valueOf(an.variance()))
            .as(e.name())
            .isEqualTo(Double.valueOf(en.variance()));
        assertThat(Double.valueOf(an.min())).as(e.name()).isEqualTo(Double.valueOf(en.min()));
        assertThat(Double.valueOf(an.max())).as(e.name()).isEqualTo(Double.valueOf(en.max()));
        if (sameSketches || en.isExact()) {
          assertThat(an.binEdges()).as(e.name()).containsExactly(en.binEdges());
        }
        assertThat(an.sortedSample()).as(e.name()).containsExactly(en.sortedSample());
        assertThat(an.reservoir().seen()).isEqualTo(en.reservoir().seen());
        assertThat(an.lowCardinality().sortedValues())
            .containsExactly(en.lowCardinality().sortedValues());
        assertThat(an.sketch().getN()).isEqualTo(en.sketch().getN());
        if (!en.sketch().isEmpty()) {
          assertThat(an.sketch().getMinItem()).isEqualTo(en.min());
          assertThat(an.sketch().getMaxItem()).isEqualTo(en.max());
        }
        if (sameSketches && !en.sketch().isEmpty()) {
          double[] ranks = {0.1, 0.5, 0.9};
          assertThat(an.sketch().getQuantiles(ranks, QuantileSearchCriteria.INCLUSIVE))
              .containsExactly(en.sketch().getQuantiles(ranks, QuantileSearchCriteria.INCLUSIVE));
        }
      } else {
        assertThat(((CategoricalProfile) a).frequencies())
            .isEqualTo(((CategoricalProfile) e).frequencies());
        assertThat(((CategoricalProfile) a).isExact())
            .isEqualTo(((CategoricalProfile) e).isExact());
      }
    }
  }
}
