package org.convspark.jobs.spark;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Registers what the command line's Spark jobs send besides the driver's classes, so they run
 * under {@code spark.kryo.registrationRequired=true}: Spark's own Parquet schema inference ships
 * the schemas of the files it reads, and Spark registers {@code StructType} and {@code
 * StructField} but not the element types a table may hold (an ML vector column is a {@code
 * VectorUDT}, a pixel column an {@code ArrayType}). Set together with the driver's registrator
 * (see {@link SparkSessions#REGISTRATORS}).
 */
public final class JobsKryoRegistrator implements KryoRegistrator {
    private static final DataType[] SIMPLE_TYPES = {DataTypes.BooleanType, DataTypes.ByteType, DataTypes.ShortType,
        DataTypes.IntegerType, DataTypes.LongType, DataTypes.FloatType, DataTypes.DoubleType, DataTypes.StringType,
        DataTypes.BinaryType, DataTypes.DateType, DataTypes.TimestampType, DataTypes.TimestampNTZType,
        DataTypes.NullType, DataTypes.CalendarIntervalType};

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(org.apache.spark.ml.linalg.VectorUDT.class);
        kryo.register(org.apache.spark.mllib.linalg.VectorUDT.class);
        kryo.register(org.apache.spark.sql.types.ArrayType.class);
        kryo.register(org.apache.spark.sql.types.MapType.class);
        kryo.register(org.apache.spark.sql.types.DecimalType.class);
        for (DataType type : SIMPLE_TYPES) {
            kryo.register(type.getClass());
        }
    }
}
