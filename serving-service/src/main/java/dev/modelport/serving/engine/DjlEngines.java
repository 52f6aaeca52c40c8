package dev.modelport.serving.engine;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.model.EngineSettings;
import dev.modelport.serving.model.ModelArtifact;
import dev.modelport.serving.model.ModelConfigException;
import dev.modelport.serving.model.ModelFormat;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Loads model artifacts into DJL: ONNX Runtime for {@code .onnx}, PyTorch for TorchScript {@code
 * .pt}, on the configured device and threads. Engines come from the class path (natives from Maven
 * Central); {@link DjlSystemProperties} must have been applied before the first load. Thread-safe;
 * each load costs what the engine needs to parse and initialise the model.
 */
public class DjlEngines {

  private static final Logger LOG = Logger.getLogger(DjlEngines.class);
  private static final Pattern GPU = Pattern.compile("gpu(?::(\\d+))?");

  private final EngineDefaults defaults;

  public DjlEngines(EngineDefaults defaults) {
    this.defaults = defaults;
  }

  /**
   * Loads {@code artifact}.
   *
   * @param declared the signature from {@code model.yaml}; when empty it is read from the ONNX
   *     graph
   * @throws ModelConfigException when the model cannot be loaded as configured
   */
  public ModelRunner load(
      ModelArtifact artifact, Optional<ModelSignature> declared, EngineSettings settings) {
    ModelSignature signature =
        declared.orElseGet(
            () -> {
              if (artifact.format() != ModelFormat.ONNX) {
                throw new ModelConfigException(
                    "model '"
                        + artifact.model()
                        + "' version "
                        + artifact.version()
                        + ": a TorchScript model needs 'inputs' and 'outputs' in model.yaml");
              }
              return OnnxSignatureReader.read(artifact.file());
            });
    Device device = device(artifact, settings.device().orElse(defaults.device()));
    Criteria.Builder<List<Tensor>, List<Tensor>> criteria =
        Criteria.builder()
            .setTypes(tensorListClass(), tensorListClass())
            .optModelPath(artifact.file())
            .optEngine(artifact.format().djlEngine())
            .optDevice(device)
            .optTranslator(new TensorListTranslator(signature));
    OrtSession.SessionOptions sessionOptions = null;
    try {
      if (artifact.format() == ModelFormat.ONNX) {
        sessionOptions = onnxSessionOptions(criteria, settings);
      } else {
        criteria.optOption("mapLocation", "true");
      }
      ZooModel<List<Tensor>, List<Tensor>> model = criteria.build().loadModel();
      return new DjlModelRunner(
          model,
          signature,
          "model '" + artifact.model() + "' version " + artifact.version(),
          artifact.format().djlEngine() + " on " + device + " from " + artifact.file(),
          sessionOptions);
    } catch (IOException
        | ModelNotFoundException
        | MalformedModelException
        | OrtException
        | RuntimeException e) {
      if (sessionOptions != null) {
        sessionOptions.close();
      }
      throw new ModelConfigException(
          "model '"
              + artifact.model()
              + "' version "
              + artifact.version()
              + ": "
              + artifact.format().djlEngine()
              + " cannot load "
              + artifact.file().getFileName()
              + ": "
              + LoadFailureReason.of(e, artifact.file()),
          e);
    }
  }

  /**
   * ONNX Runtime session settings: threads as strings (DJL's options), and the spinning switch,
   * which DJL has no string option for, as a session options object under DJL's {@code
   * sessionOptions} key (DJL applies the string options on top of it).
   *
   * @return the session options object; the model's runner closes it after the model
   */
  private OrtSession.SessionOptions onnxSessionOptions(
      Criteria.Builder<?, ?> criteria, EngineSettings settings) throws OrtException {
    Map<String, String> options = new HashMap<>();
    int intra = settings.threads().orElse(defaults.onnxIntraOpThreads());
    if (intra > 0) {
      options.put("intraOpNumThreads", Integer.toString(intra));
    }
    if (defaults.onnxInterOpThreads() > 0) {
      options.put("interOpNumThreads", Integer.toString(defaults.onnxInterOpThreads()));
    }
    OrtSession.SessionOptions session = new OrtSession.SessionOptions();
    for (Map.Entry<String, String> entry :
        onnxConfigEntries(defaults.onnxAllowSpinning()).entrySet()) {
      session.addConfigEntry(entry.getKey(), entry.getValue());
    }
    @SuppressWarnings({"rawtypes", "unchecked"})
    Map<String, Object> untyped =
        (Map) options; // DJL reads this key as an object from its string map
    untyped.put("sessionOptions", session);
    criteria.optOptions(options);
    return session;
  }

  /** ONNX Runtime session configuration entries for the spinning switch. */
  static Map<String, String> onnxConfigEntries(boolean allowSpinning) {
    String spin = allowSpinning ? "1" : "0";
    return Map.of("session.intra_op.allow_spinning", spin, "session.inter_op.allow_spinning", spin);
  }

  private static Device device(ModelArtifact artifact, String requested) {
    String value = requested.trim().toLowerCase(java.util.Locale.ROOT);
    if (value.equals("cpu")) {
      return Device.cpu();
    }
    Matcher m = GPU.matcher(value);
    if (!m.matches()) {
      throw new ModelConfigException(
          "model '"
              + artifact.model()
              + "': device '"
              + requested
              + "' is neither 'cpu' nor 'gpu:N'");
    }
    int index = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    int gpus = Engine.getEngine(artifact.format().djlEngine()).getGpuCount();
    if (index >= gpus) {
      LOG.warnf(
          "Model '%s' version %s asks for device gpu:%d, but the %s engine sees %d GPU(s) "
              + "(no CUDA runtime or no GPU build of the engine); running it on the CPU. Install CUDA and "
              + "the engine's GPU natives, or set the device to cpu.",
          artifact.model(), artifact.version(), index, artifact.format().djlEngine(), gpus);
      return Device.cpu();
    }
    return Device.gpu(index);
  }

  @SuppressWarnings("unchecked")
  private static Class<List<Tensor>> tensorListClass() {
    return (Class<List<Tensor>>) (Class<?>) List.class;
  }
}
