/**
 * The REST API as the CLI sees it: JSON over {@link java.net.http.HttpClient} with the API key, RFC 9457 problems
 * turned into readable errors, and a job's Server-Sent Events followed until it finishes.
 */
package io.robustlab.cli.client;
