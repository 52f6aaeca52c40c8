package dev.modelport.deploy.support;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimTemplate;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.Map;

/**
 * Reads Kubernetes YAML into fabric8's typed model and refuses what the model does not know.
 * fabric8's classes keep unknown fields in an "additional properties" map (a Jackson any-setter),
 * so a misspelt or misplaced field would pass silently; this mapper removes that any-setter from
 * every model class (except {@link GenericKubernetesResource}, the model of custom resources that
 * fabric8 has no class for, such as KEDA's ScaledObject) and disables scalar coercion, so that such
 * a field fails the parse with its path.
 *
 * <p>Only the {@code apiVersion}/{@code kind} pairs listed here are accepted: a document of any
 * other kind fails, so that a new template is also a new, typed, test.
 */
public final class StrictKubernetesYaml {

  /** The typed class of each accepted {@code apiVersion/kind}. */
  public static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.ofEntries(
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("v1/ServiceAccount", ServiceAccount.class),
          Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
          Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
          Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", ClusterRole.class),
          Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", ClusterRoleBinding.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
          Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
          Map.entry("batch/v1/Job", Job.class),
          Map.entry("resource.k8s.io/v1/ResourceClaimTemplate", ResourceClaimTemplate.class),
          Map.entry("gateway.networking.k8s.io/v1/HTTPRoute", HTTPRoute.class),
          Map.entry("gateway.networking.k8s.io/v1/GRPCRoute", GRPCRoute.class),
          Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
          Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
          Map.entry("keda.sh/v1alpha1/ScaledObject", GenericKubernetesResource.class));

  private static final ObjectMapper MAPPER = strictMapper();

  private StrictKubernetesYaml() {}

  /** The shared YAML reader (thread-safe). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Binds one document to the class of its {@code apiVersion/kind}; fails on unknown fields. */
  public static HasMetadata bind(JsonNode document) {
    String key = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
    Class<? extends HasMetadata> type = KINDS.get(key);
    if (type == null) {
      throw new IllegalArgumentException(
          "no typed model for " + key + " (add it to StrictKubernetesYaml.KINDS with a test)");
    }
    return bind(document, type);
  }

  /** Binds a document (or a part of one) to {@code type}; fails on unknown fields. */
  public static <T> T bind(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "does not bind to " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static ObjectMapper strictMapper() {
    SimpleModule strict = new SimpleModule("no-additional-properties");
    strict.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public BeanDeserializerBuilder updateBuilder(
              DeserializationConfig config, BeanDescription bean, BeanDeserializerBuilder builder) {
            if (bean.getBeanClass() != GenericKubernetesResource.class) {
              builder.setAnySetter(null);
            }
            return builder;
          }
        });
    return YAMLMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .addModule(strict)
        .build();
  }
}
