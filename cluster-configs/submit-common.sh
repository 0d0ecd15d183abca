# Shared by the submit-*.sh scripts (sourced, not run): finds spark-submit and the shaded jar.
# SPARK_HOME must be a Spark 4.2.0 distribution for Scala 2.13 (any stock one: convspark.jar
# leaves Spark, Scala, Hadoop and netlib to it). Build the jar with: mvn -B -q package -DskipTests
configs="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$configs")"
jar="${CONVSPARK_JAR:-$root/jobs/target/convspark.jar}"
if [ -z "${SPARK_HOME:-}" ] || [ ! -x "$SPARK_HOME/bin/spark-submit" ]; then
  echo "convspark: error: set SPARK_HOME to a Spark 4.2.0 (Scala 2.13) distribution" >&2
  exit 2
fi
if [ ! -f "$jar" ]; then
  echo "convspark: error: $jar not found; run mvn -B -q package -DskipTests first (in $root)" >&2
  exit 2
fi
if [ $# -eq 0 ]; then
  set -- train
fi
submit=("$SPARK_HOME/bin/spark-submit" --properties-file "$configs/spark-defaults.conf"
        --class org.convspark.jobs.ConvsparkCli)
