/**
 * Plain entry points that run robust-core without any service: a spec file in, results in a folder out.
 */
package io.robustlab.core.command;
