/**
 * End-to-end tests: the API and the workers run from their executable jars as separate processes against the
 * machine's PostgreSQL and RabbitMQ, driven over HTTP with an API key and, for fault injection, over AMQP.
 */
package io.robustlab.e2e;
