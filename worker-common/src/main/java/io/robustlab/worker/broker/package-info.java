/**
 * The worker's side of RabbitMQ: consuming job queues with manual acknowledgement, publishing events with confirms,
 * and hearing cancel requests on the control exchange.
 */
package io.robustlab.worker.broker;
