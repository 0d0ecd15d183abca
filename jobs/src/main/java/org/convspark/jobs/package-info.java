/**
 * The convspark command line: one entry point, {@link org.convspark.jobs.ConvsparkCli}, with a
 * subcommand per application ({@code train}, {@code evaluate}, {@code predict}, {@code report}),
 * the trained-model directory format and {@code metrics.json}. Data readers live in
 * {@code jobs.data}, scoring in {@code jobs.score}, the Spark session and progress display in
 * {@code jobs.spark}. Errors in what the user gave (options, files, specs, data)
 * end in one line {@code convspark: error: ...} and exit code 2; stack traces only with
 * {@code --debug}.
 */
package org.convspark.jobs;
