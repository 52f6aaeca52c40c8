package dev.modelport.deploy.support;

/** Object names the chart gives release {@link ChartRenderer#RELEASE}. */
public final class Names {

  /** {@code <release>-modelport}. */
  public static final String FULLNAME = ChartRenderer.RELEASE + "-modelport";

  private Names() {}

  /** A component's objects: {@code mp-modelport-serving}. */
  public static String of(String component) {
    return FULLNAME + "-" + component;
  }
}
