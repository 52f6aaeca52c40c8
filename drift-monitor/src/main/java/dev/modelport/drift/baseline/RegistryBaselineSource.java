package dev.modelport.drift.baseline;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.ProfileJson;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registryclient.RegistryApiException;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.RegistryClientException;
import dev.modelport.registryclient.api.ModelVersion;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@link BaselineSource} over the registry's REST API through {@link RegistryClient}: the version
 * (for its signature), then its baseline profile. A baseline whose features differ from the
 * signature's is not used (the version is reported as having no baseline). Registry error statuses
 * are classified by {@link RegistryAnswers}: unknown version gives empty, a refused request {@link
 * BaselineRefusedException}, anything else {@link BaselineUnavailableException}. Thread-safe; each
 * call makes up to two HTTP requests.
 */
public final class RegistryBaselineSource implements BaselineSource {

  private static final Logger LOG = Logger.getLogger(RegistryBaselineSource.class);

  private final RegistryClient client;

  public RegistryBaselineSource(RegistryClient client) {
    this.client = client;
  }

  @Override
  public Optional<VersionBaseline> fetch(ModelVersionKey key) {
    if (!VersionNumber.isValid(key.version())) {
      // "0" passes the event's check but names no registry version: there is nothing to monitor
      return Optional.empty();
    }
    VersionNumber number = VersionNumber.parse(key.version());
    try {
      ModelVersion version = client.getVersion(key.model(), number);
      Optional<MonitoredSignature> signature = SignatureMapping.of(version.signature());
      if (signature.isEmpty()) {
        LOG.warnf(
            "Model version %s has no input features in its signature: its events are not monitored",
            key);
        return Optional.empty();
      }
      Optional<String> json =
          version.hasBaseline() ? client.baselineJson(key.model(), number) : Optional.empty();
      if (json.isEmpty()) {
        return Optional.of(
            VersionBaseline.withoutBaseline(
                key, signature.get(), "the registry holds no baseline for this version"));
      }
      DatasetProfile stored = ProfileJson.fromJson(json.get());
      BaselineSplit split = BaselineSplit.of(stored, signature.get());
      DatasetProfile baseline = split.inputs();
      if (!baseline.schema().equals(signature.get().schema())) {
        LOG.warnf(
            "The baseline of %s has features %s, its signature %s: reporting it as without baseline",
            key, baseline.schema().features(), signature.get().schema().features());
        return Optional.of(
            VersionBaseline.withoutBaseline(
                key, signature.get(), "the baseline's features differ from the signature's"));
      }
      return Optional.of(
          VersionBaseline.withBaseline(key, signature.get(), baseline, split.outputs()));
    } catch (IOException e) {
      LOG.warnf("The baseline of %s is not readable profile JSON: %s", key, e.getMessage());
      throw new BaselineUnavailableException(
          "unreadable baseline of " + key + ": " + e.getMessage(), e);
    } catch (RegistryApiException e) {
      RegistryAnswers.Verdict verdict = RegistryAnswers.classify(e.status());
      if (verdict == RegistryAnswers.Verdict.UNKNOWN_VERSION) {
        return Optional.empty();
      }
      if (verdict.eventIsBad()) {
        throw new BaselineRefusedException(
            verdict, e.status(), "the registry refused the request: " + e.getMessage());
      }
      throw new BaselineUnavailableException(
          "registry request for " + key + " failed: " + e.getMessage(), e);
    } catch (RegistryClientException e) {
      throw new BaselineUnavailableException(
          "registry request for " + key + " failed: " + e.getMessage(), e);
    }
  }
}
