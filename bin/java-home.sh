# Sourced by the scripts of this repo: points JAVA_HOME at a JDK 25 or newer when the default
# java is older (these machines ship Java 17 as the default and a Temurin JDK 25 beside it).
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
current="${JAVA_HOME:+$JAVA_HOME/bin/java}"
current="${current:-$(command -v java || true)}"
if [ -z "$current" ] || [ "$(java_major "$current")" -lt 25 ] 2>/dev/null; then
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/jdk-25*; do
    if [ -x "$candidate/bin/java" ]; then
      export JAVA_HOME="$candidate"
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] && [ "$(java_major "${current:-java}" 2>/dev/null || echo 0)" -lt 25 ] 2>/dev/null; then
  echo "No JDK 25 found (default java is older, JAVA_HOME unset): install a JDK 25, e.g. Temurin 25, or point JAVA_HOME at one." >&2
fi
