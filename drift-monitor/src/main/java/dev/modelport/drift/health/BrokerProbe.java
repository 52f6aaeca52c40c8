package dev.modelport.drift.health;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/**
 * Asks the Kafka cluster for its brokers ({@code describeCluster}) within a timeout. Owns one
 * {@link Admin} client, created at the first check and kept (it reconnects by itself); {@link
 * #close()} closes it. Thread-safe.
 */
public final class BrokerProbe implements AutoCloseable {

  private final Map<String, Object> properties;
  private final Duration timeout;
  private Admin admin;

  /**
   * @param bootstrapServers the brokers to ask
   * @param extra further client properties (e.g. security settings of the consumer)
   * @param timeout the longest wait of one check
   */
  public BrokerProbe(String bootstrapServers, Map<String, String> extra, Duration timeout) {
    this.properties = new HashMap<>(extra);
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "drift-monitor-readiness");
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    this.timeout = timeout;
  }

  /** Whether a broker answered within the timeout; the detail names the brokers or the error. */
  public ProbeResult check() {
    try {
      Collection<Node> nodes =
          admin()
              .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
              .nodes()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new ProbeResult(!nodes.isEmpty(), nodes.size() + " broker(s)");
    } catch (TimeoutException e) {
      return new ProbeResult(false, "no broker answered within " + timeout);
    } catch (ExecutionException e) {
      return new ProbeResult(false, String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ProbeResult(false, "interrupted");
    } catch (RuntimeException e) {
      return new ProbeResult(false, e.toString());
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(properties);
    }
    return admin;
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ZERO);
      admin = null;
    }
  }
}
