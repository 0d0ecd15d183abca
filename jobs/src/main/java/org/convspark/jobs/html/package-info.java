/**
 * The training report page, {@code report.html}: {@link org.convspark.jobs.html.TrainingReport}
 * renders {@link org.convspark.jobs.html.ReportData} (per-epoch metrics, the model reports, the
 * test confusion matrix, the run's and Spark's settings) into one self-contained HTML file with
 * inline CSS and SVG charts, by plain string building with every value escaped. No script, no
 * fonts or files fetched, no Spark needed to render. Collecting the data is the train command's job.
 */
package org.convspark.jobs.html;
