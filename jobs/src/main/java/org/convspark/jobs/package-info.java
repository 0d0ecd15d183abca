/**
 * The convspark command line: one entry point, {@link org.convspark.jobs.ConvsparkCli}, with a
 * subcommand per application ({@code report} now; {@code train}, {@code evaluate} and
 * {@code predict} come with the driver). Errors in what the user gave (options, files, specs)
 * end in one line {@code convspark: error: ...} and exit code 2; stack traces only with
 * {@code --debug}.
 */
package org.convspark.jobs;
