package org.convspark.jobs.data;

/**
 * Which split a directory given as data stands for: an IDX or CIFAR-10 directory usually holds
 * both, and {@code train --data DIR} reads the training files while {@code --test-data DIR},
 * {@code evaluate} and {@code predict} read the test files.
 */
public enum DataRole {
    TRAIN("training"), TEST("test");

    private final String description;

    DataRole(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
