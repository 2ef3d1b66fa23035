package kadai.reference.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The starter kit (assignments/pom.xml) has no parent so that students can build it alone; its
 * copies of the shared versions must stay equal to the root pom.xml's.
 */
class BuildVersionsTests {

    private static final List<String> SHARED =
            List.of("djl.version", "pytorch.jni.version", "pytorch.native.version", "junit.version", "slf4j.version");

    @Test
    void starterKitVersionsEqualTheRootPomsVersions() throws Exception {
        Path root = repositoryRoot();
        Map<String, String> parent = properties(root.resolve("pom.xml"));
        Map<String, String> kit = properties(root.resolve("assignments/pom.xml"));
        for (String name : SHARED) {
            assertThat(parent).as("root pom.xml").containsKey(name);
            assertThat(kit.get(name))
                    .as(name + " in assignments/pom.xml (root pom.xml has " + parent.get(name)
                            + "; update the starter kit's copy)")
                    .isEqualTo(parent.get(name));
        }
    }

    /** The reactor root: the parent of this module's directory (surefire runs in the module's basedir). */
    private static Path repositoryRoot() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path root = module.getParent();
        assertThat(root.resolve("assignments/pom.xml"))
                .as("starter kit next to " + module)
                .exists();
        return root;
    }

    private static Map<String, String> properties(Path pom) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element project;
        try (var in = Files.newInputStream(pom)) {
            project = factory.newDocumentBuilder().parse(in).getDocumentElement();
        }
        Map<String, String> result = new LinkedHashMap<>();
        NodeList children = project.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node node = children.item(i);
            if (node instanceof Element properties && properties.getTagName().equals("properties")) {
                NodeList entries = properties.getChildNodes();
                for (int j = 0; j < entries.getLength(); j++) {
                    if (entries.item(j) instanceof Element entry) {
                        result.put(entry.getTagName(), entry.getTextContent().trim());
                    }
                }
            }
        }
        return result;
    }
}
