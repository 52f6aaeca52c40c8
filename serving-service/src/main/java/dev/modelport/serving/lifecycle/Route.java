package dev.modelport.serving.lifecycle;

import dev.modelport.serving.model.Role;
import java.util.Optional;

/**
 * Where one request goes: the version that answers it, in which role, and the shadow that gets a
 * copy afterwards, if any. Immutable.
 */
public record Route(ServedVersion version, Role role, Optional<ServedVersion> shadow) {}
