package io.robustlab.cli;

/** How a command prints what it has: for people ({@code text}), or the API's JSON for scripts ({@code json}). */
public enum OutputFormat {
    TEXT, JSON
}
