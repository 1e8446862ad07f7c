#!/bin/sh
# saddlecheck needs a JDK 25+ to compile and test (Maven itself may run on an older JDK; the
# maven-toolchains-plugin then selects the JDK 25 it discovers). Fail early with one clear line if there
# is none, looking where the toolchains plugin looks: JAVA_HOME, ~/.m2/toolchains.xml, and the usual JDK dirs.
# On success it prints the JDK's home (mvnw exports it as SADDLECHECK_JDK25 for tools that take an explicit JVM,
# such as PIT in the mutation profile).
major_of() { # prints the major version of the JDK home $1, or nothing
  [ -f "$1/release" ] || return 0
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  [ -x "$1/bin/javac" ] && printf %s "$v"
}
for home in "${JAVA_HOME-}" /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* "$HOME"/.m2/jdks/* \
            $(sed -n 's:.*<jdkHome>\(.*\)</jdkHome>.*:\1:p' "$HOME/.m2/toolchains.xml" 2>/dev/null); do
  [ -n "$home" ] && [ -d "$home" ] || continue
  m=$(major_of "$home")
  if [ -n "$m" ] && [ "$m" -ge 25 ] 2>/dev/null; then printf '%s\n' "$home"; exit 0; fi
done
echo "saddlecheck needs JDK 25 or newer and found none (looked in JAVA_HOME, /usr/lib/jvm, /opt/java, ~/.sdkman, ~/.jdks, ~/.m2/toolchains.xml): install one (e.g. Temurin 25: apt-get install temurin-25-jdk) and run again." >&2
exit 1
