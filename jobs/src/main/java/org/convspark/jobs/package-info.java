/**
 * The convspark command line: one entry point, {@link org.convspark.jobs.ConvsparkCli}, with a
 * subcommand per application ({@code train}, {@code evaluate}, {@code predict}, {@code report},
 * {@code plan}), the trained-model directory format and {@code metrics.json}; {@code train}'s
 * training options are made from the driver's {@code TrainingOptions}. Data readers live in
 * {@code jobs.data}, scoring in {@code jobs.score}, the HTML report in {@code jobs.html}, the
 * Spark session in {@code jobs.spark}, the console and progress display in {@code jobs.terminal}.
 * Errors in what the user gave (options, files, specs, data)
 * end in one line {@code convspark: error: ...} and exit code 2; stack traces only with
 * {@code --debug}.
 */
package org.convspark.jobs;
