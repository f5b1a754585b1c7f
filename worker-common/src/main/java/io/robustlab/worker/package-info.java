/**
 * What the trainer and attack workers share: AMQP consumption with manual acknowledgement, the job loop with progress, heartbeat and event publishing, cancellation and the artifact store. Filled in by the workers issue.
 */
package io.robustlab.worker;
