/**
 * Jobs from the command line: a spec file (JSON or YAML) read and validated before it is sent, submitted, looked at
 * and waited for.
 */
package io.robustlab.cli.jobs;
