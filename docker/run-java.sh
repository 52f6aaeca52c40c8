#!/bin/sh
# Entrypoint of the Modelport images: runs the Quarkus fast-jar in /deployments with the image's
# JVM flags ($JAVA_OPTS, set in the Dockerfile) and the deployment's ($JAVA_OPTS_APPEND, e.g. the
# Helm chart's heap settings). Configuration comes from environment variables (QUARKUS_HTTP_PORT,
# MODELPORT_…) and /deployments/config/application.properties; arguments go to the application.
set -e
# shellcheck disable=SC2086 # the flags are word-split on purpose
exec java $JAVA_OPTS $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar "$@"
