/** Test support for worker tests against a real RabbitMQ: a namespaced topology and the events workers publish. */
package io.robustlab.worker.testing;
