package org.convspark.driver.options;

/**
 * Where a user sets training options: the command line ({@code --batch-size}) or Spark ML params
 * ({@code batchSize}). Error messages name an option as its surface spells it.
 */
public enum Surface {
    CLI,
    SPARK_ML;

    /** {@code option} as this surface spells it. */
    public String spell(TrainingOption<?> option) {
        return this == CLI ? option.cliName() : option.name();
    }
}
