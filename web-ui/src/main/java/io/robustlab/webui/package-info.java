/**
 * The dashboard's static resources, built from TypeScript with Vite and served by api-service at the root path. Filled in by the web UI issue.
 */
package io.robustlab.webui;
