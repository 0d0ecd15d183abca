package org.convspark.ml;

/**
 * Makes {@code uid()} answer while a Spark superclass is being constructed. Spark's shared params
 * ({@code featuresCol}, {@code labelCol}, ...) are Scala trait fields created in the superclass
 * constructor as {@code new Param(this, ...)}, which reads {@code uid()} at once, before a Java
 * subclass has assigned any field: without this those params would belong to uid null and every
 * {@code setFeaturesCol} would fail with "does not belong". A constructor parks its uid here in its
 * {@code this(...)} arguments (evaluated before the superclass constructor runs) and clears it
 * afterwards.
 */
final class ConstructionUid {
    private static final ThreadLocal<String> PARKED = new ThreadLocal<>();

    private ConstructionUid() {
    }

    /** Parks {@code uid} for this thread and returns it. */
    static String park(String uid) {
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException("uid must not be empty");
        }
        PARKED.set(uid);
        return uid;
    }

    /** The uid parked by the constructor running on this thread. */
    static String parked() {
        return PARKED.get();
    }

    static void clear() {
        PARKED.remove();
    }
}
