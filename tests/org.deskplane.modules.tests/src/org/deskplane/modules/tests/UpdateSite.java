package org.deskplane.modules.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;

/**
 * Writes a p2 "simple" artifact repository (artifacts.xml and plugins/), the format Tycho and the p2 publisher
 * produce, so that the real p2 reads modules from it.
 */
final class UpdateSite {

    private UpdateSite() {
    }

    static void publish(Path site, Path... jars) throws IOException {
        Path plugins = Files.createDirectories(site.resolve("plugins"));
        StringBuilder artifacts = new StringBuilder();
        for (Path jar : jars) {
            String[] identity = identity(jar);
            Path target = plugins.resolve(identity[0] + "_" + identity[1] + ".jar");
            Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
            artifacts.append("    <artifact classifier='osgi.bundle' id='").append(identity[0]).append("' version='")
                    .append(identity[1]).append("'>\n      <properties size='1'><property name='download.size' value='")
                    .append(Files.size(target)).append("'/></properties>\n    </artifact>\n");
        }
        String xml = """
                <?xml version='1.0' encoding='UTF-8'?>
                <?artifactRepository version='1.1.0'?>
                <repository name='Deskplane test modules' type='org.eclipse.equinox.p2.artifact.repository.simpleRepository' version='1'>
                  <properties size='1'><property name='p2.timestamp' value='1700000000000'/></properties>
                  <mappings size='1'>
                    <rule filter='(&amp; (classifier=osgi.bundle))' output='${repoUrl}/plugins/${id}_${version}.jar'/>
                  </mappings>
                  <artifacts size='%d'>
                %s  </artifacts>
                </repository>
                """.formatted(jars.length, artifacts);
        Files.writeString(site.resolve("artifacts.xml"), xml);
    }

    private static String[] identity(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            var main = file.getManifest().getMainAttributes();
            return new String[] { main.getValue("Bundle-SymbolicName").split(";")[0].trim(),
                    org.osgi.framework.Version.parseVersion(main.getValue("Bundle-Version")).toString() };
        }
    }
}
