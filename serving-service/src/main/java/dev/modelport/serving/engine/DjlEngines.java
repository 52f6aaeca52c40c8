package dev.modelport.serving.engine;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.repository.EngineSettings;
import dev.modelport.serving.repository.ModelArtifact;
import dev.modelport.serving.repository.ModelConfigException;
import dev.modelport.serving.repository.ModelFormat;
import dev.modelport.serving.repository.ModelSignature;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Loads model artifacts into DJL: ONNX Runtime for {@code .onnx}, PyTorch for TorchScript
 * {@code .pt}, on the configured device and threads. Engines come from the class path (natives
 * from Maven Central); call {@link DjlSystemProperties#apply} before the first load. Thread-safe;
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
   * @param declared the signature from {@code model.yaml}; when empty it is read from the ONNX graph
   * @throws ModelConfigException when the model cannot be loaded as configured
   */
  public ModelRunner load(ModelArtifact artifact, Optional<ModelSignature> declared, EngineSettings settings) {
    ModelSignature signature = declared.orElseGet(() -> {
      if (artifact.format() != ModelFormat.ONNX) {
        throw new ModelConfigException("model '" + artifact.model() + "' version " + artifact.version()
            + ": a TorchScript model needs 'inputs' and 'outputs' in model.yaml");
      }
      return OnnxSignatureReader.read(artifact.file());
    });
    Device device = device(artifact, settings.device().orElse(defaults.device()));
    Criteria.Builder<List<Tensor>, List<Tensor>> criteria = Criteria.builder()
        .setTypes(tensorListClass(), tensorListClass())
        .optModelPath(artifact.file())
        .optEngine(artifact.format().djlEngine())
        .optDevice(device)
        .optTranslator(new TensorListTranslator(signature));
    if (artifact.format() == ModelFormat.ONNX) {
      int intra = settings.threads().orElse(defaults.onnxIntraOpThreads());
      if (intra > 0) {
        criteria.optOption("intraOpNumThreads", Integer.toString(intra));
      }
      if (defaults.onnxInterOpThreads() > 0) {
        criteria.optOption("interOpNumThreads", Integer.toString(defaults.onnxInterOpThreads()));
      }
    } else {
      criteria.optOption("mapLocation", "true");
    }
    try {
      ZooModel<List<Tensor>, List<Tensor>> model = criteria.build().loadModel();
      return new DjlModelRunner(model, signature, artifact.format().djlEngine() + " on " + device
          + " from " + artifact.file());
    } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
      throw new ModelConfigException("model '" + artifact.model() + "' version " + artifact.version()
          + ": " + artifact.format().djlEngine() + " cannot load " + artifact.file() + ": " + e.getMessage(), e);
    }
  }

  private static Device device(ModelArtifact artifact, String requested) {
    String value = requested.trim().toLowerCase(java.util.Locale.ROOT);
    if (value.equals("cpu")) {
      return Device.cpu();
    }
    Matcher m = GPU.matcher(value);
    if (!m.matches()) {
      throw new ModelConfigException("model '" + artifact.model() + "': device '" + requested
          + "' is neither 'cpu' nor 'gpu:N'");
    }
    int index = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    int gpus = Engine.getEngine(artifact.format().djlEngine()).getGpuCount();
    if (index >= gpus) {
      LOG.warnf("Model '%s' version %d asks for device gpu:%d, but the %s engine sees %d GPU(s) "
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
