/**
 * Checks of what deploys RobustLab (docker compose, the Dockerfiles, the Kubernetes manifests) against the services'
 * own configuration, without a Docker engine or a cluster: schemas, typed models and invariants.
 */
package io.robustlab.deploy;
