package dev.modelport.cli.up;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start one service as a child process: {@code java <jvm options> -D<key>=<value>... -jar
 * <jar>}, its log file and the URL that answers 200 once it is ready. Immutable.
 *
 * @param systemProperties the {@code -D} settings, in command-line order
 * @param environment variables set for the process on top of the inherited environment
 */
public record ServiceLaunch(
    Service service,
    Path javaExecutable,
    List<String> jvmOptions,
    Map<String, String> systemProperties,
    Map<String, String> environment,
    Path jar,
    Path logFile,
    URI readinessUrl) {

  public ServiceLaunch {
    jvmOptions = List.copyOf(jvmOptions);
    systemProperties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(systemProperties));
    environment = Map.copyOf(environment);
  }

  /** The full command line, ready for {@link ProcessBuilder}. */
  public List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable.toString());
    command.addAll(jvmOptions);
    systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }
}
