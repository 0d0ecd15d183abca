/**
 * What a command shows on the terminal: {@link org.convspark.jobs.terminal.Console} (a run's
 * lines and, on a terminal, its live {@link org.convspark.jobs.terminal.ProgressBar}) and {@link
 * org.convspark.jobs.terminal.TerminalText} (names from specs and data with control and bidi
 * characters escaped before they reach a terminal or a log). Nothing here knows Spark.
 */
package org.convspark.jobs.terminal;
