/**
 * The {@code robustlab} command-line client: the commands, the options every command shares and the exit codes.
 * It talks to the REST API only, over {@link java.net.http.HttpClient}; no Spring.
 */
package io.robustlab.cli;
