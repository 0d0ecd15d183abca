/**
 * The training options, declared once ({@link org.convspark.driver.options.TrainingOptions}: name,
 * type, default, rule, one-line description), and one run's values of them ({@link
 * org.convspark.driver.options.TrainingSettings}: validation, the driver's {@code TrainerConfig},
 * {@code metrics.json}'s record). The command line ({@code convspark train}) and the Spark ML
 * estimator build their options and params from this list and name them as their {@link
 * org.convspark.driver.options.Surface} spells them; adding an option here adds it to both.
 */
package org.convspark.driver.options;
