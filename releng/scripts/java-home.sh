# Sourced by Deskplane's scripts: picks a JDK >= 21 for Maven/Tycho and the products.
# Order: $JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm.
deskplane_java_major() { "$1/bin/java" -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p'; }
deskplane_pick_java() {
  local c major
  for c in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV); do
    [[ -n $c && -x $c/bin/java && -x $c/bin/javac ]] || continue
    major=$(deskplane_java_major "$c")
    if [[ -n $major && $major -ge 21 ]]; then export JAVA_HOME=$c; export PATH="$c/bin:$PATH"; return 0; fi
  done
  echo "deskplane: no JDK >= 21 found (looked at \$JAVA_HOME and /usr/lib/jvm/*)." >&2
  echo "deskplane: install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+, or set JAVA_HOME." >&2
  return 1
}
