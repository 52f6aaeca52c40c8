package dev.modelport.drift.baseline;

import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.FeatureProfile;
import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.featurestats.profile.FeatureSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a stored baseline into the profile of the signature's input features and the profile of
 * the output columns it also holds (prediction drift: a training CSV may carry the model's outputs,
 * named like {@link OutputBlock#columnNames()}). Only a stored profile that is exactly the input
 * features, in order, followed by output columns is split; anything else is returned whole as the
 * inputs (and then found not to match the signature). Stateless; the feature profiles are shared.
 *
 * @param inputs the input features' profile (or the whole stored profile)
 * @param outputs the output columns' profile; null when it holds none
 */
public record BaselineSplit(DatasetProfile inputs, DatasetProfile outputs) {

  public static BaselineSplit of(DatasetProfile stored, MonitoredSignature signature) {
    FeatureSchema inputs = signature.schema();
    FeatureSchema outputs = signature.outputSchema();
    int n = inputs.size();
    if (outputs == null || stored.schema().size() <= n) {
      return new BaselineSplit(stored, null);
    }
    if (!stored.schema().features().subList(0, n).equals(inputs.features())) {
      return new BaselineSplit(stored, null);
    }
    List<FeatureSpec> outSpecs = new ArrayList<>();
    List<FeatureProfile> outProfiles = new ArrayList<>();
    for (int i = n; i < stored.schema().size(); i++) {
      FeatureSpec spec = stored.schema().get(i);
      if (!outputs.features().contains(spec)) {
        return new BaselineSplit(stored, null);
      }
      outSpecs.add(spec);
      outProfiles.add(stored.feature(i));
    }
    List<FeatureProfile> inProfiles = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      inProfiles.add(stored.feature(i));
    }
    return new BaselineSplit(
        DatasetProfile.of(inputs, stored.options(), inProfiles),
        DatasetProfile.of(new FeatureSchema(outSpecs), stored.options(), outProfiles));
  }
}
