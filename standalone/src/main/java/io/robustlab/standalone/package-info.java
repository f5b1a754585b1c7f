/**
 * The zero-install mode: one JVM with embedded PostgreSQL, an embedded AMQP broker, the filesystem artifact store, the API and both workers. Filled in by the run-anywhere issue.
 */
package io.robustlab.standalone;
