package dev.modelport.registry.crash;

import dev.modelport.testsupport.PackagedService;

/** {@link RegistryCrashTest} on the default embedded H2 database (in a folder under target/). */
class H2CrashIT extends RegistryCrashTest {
  @Override
  void configure(PackagedService.Builder builder) {
    // the default database
  }

  @Override
  String name() {
    return "h2-crash-it";
  }
}
