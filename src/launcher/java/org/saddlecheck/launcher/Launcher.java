package org.saddlecheck.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Entry point of {@code saddlecheck.jar}, compiled for Java 17 so that it starts on the machines' default
 * {@code java}. On JDK 25+ it runs {@code org.saddlecheck.cli.Main} directly. On an older JVM it looks for a JDK 25
 * where the build looks (JAVA_HOME, /usr/lib/jvm, /opt/java, ~/.sdkman, ~/.jdks) and re-runs the same jar with it;
 * if there is none it stops with one line saying what to install.
 */
public final class Launcher {
    private static final int REQUIRED = 25;

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (Runtime.version().feature() >= REQUIRED) {
            Class.forName("org.saddlecheck.cli.Main").getMethod("main", String[].class).invoke(null, (Object) args);
            return;
        }
        Path java = findJava();
        if (java == null) {
            System.err.println("saddlecheck needs Java " + REQUIRED + " or newer (this is Java " + Runtime.version().feature()
                    + ") and found no JDK " + REQUIRED + " (looked in JAVA_HOME, /usr/lib/jvm, /opt/java, ~/.sdkman, ~/.jdks): "
                    + "install one (e.g. Temurin 25: apt-get install temurin-25-jdk) and run again.");
            System.exit(1);
        }
        String jar = new File(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-jar");
        cmd.add(jar);
        for (String a : args) cmd.add(a);
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        System.exit(p.waitFor());
    }

    static Path findJava() throws IOException {
        List<Path> homes = new ArrayList<>();
        String jh = System.getenv("JAVA_HOME");
        if (jh != null && !jh.isEmpty()) homes.add(Paths.get(jh));
        String user = System.getProperty("user.home");
        for (String dir : new String[] {"/usr/lib/jvm", "/usr/java", "/opt/java", user + "/.sdkman/candidates/java", user + "/.jdks"}) {
            Path d = Paths.get(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.sorted().forEach(homes::add);
            }
        }
        for (Path home : homes) {
            Path release = home.resolve("release");
            Path java = home.resolve("bin/java");
            if (!Files.isRegularFile(release) || !Files.isExecutable(java)) continue;
            for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                if (!line.startsWith("JAVA_VERSION=")) continue;
                String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                int end = 0;
                while (end < v.length() && Character.isDigit(v.charAt(end))) end++;
                if (end > 0 && Integer.parseInt(v.substring(0, end)) >= REQUIRED) return java;
            }
        }
        return null;
    }
}
