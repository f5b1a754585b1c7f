/** Which artifact store a worker writes to: the filesystem or S3, from {@code robustlab.artifacts}. */
package io.robustlab.worker.storage;
