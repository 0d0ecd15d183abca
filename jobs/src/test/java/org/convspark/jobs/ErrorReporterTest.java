package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.spark.SparkException;
import org.convspark.engine.io.InvalidFileException;
import org.convspark.jobs.data.DataException;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {
    @Test
    void userErrorsAreFoundInsideSparksWrapping() {
        DataException data = new DataException("x.png: not a decodable PNG or JPEG image");
        assertSame(data, ErrorReporter.userCause(new SparkException("Job aborted", new RuntimeException(data))));
        InvalidFileException file = new InvalidFileException("a.idx", "truncated");
        assertSame(file, ErrorReporter.userCause(new RuntimeException(file)));
        IllegalArgumentException sample = new IllegalArgumentException("sample 3 has a non-finite value");
        assertSame(sample, ErrorReporter.userCause(new SparkException("Job aborted", sample)));
        UserError user = new UserError("--lr: bad");
        assertSame(user, ErrorReporter.userCause(user));
    }

    @Test
    void otherFailuresAreInternal() {
        assertNull(ErrorReporter.userCause(new IllegalStateException("bug")));
        assertNull(ErrorReporter.userCause(new RuntimeException(new IllegalArgumentException("deep inside a bug"))));
        assertNull(ErrorReporter.userCause(new SparkException("executor lost")));
    }
}
