/**
 * The front door: the REST API, the job state machine, the transactional outbox to RabbitMQ and the ingestion of worker events. The only owner of the database. Filled in by the API issue.
 */
package io.robustlab.api;
