package kadai.grader.result;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Write a {@link GradeReport} as JUnit XML ({@code TEST-kadai-<assignment>.xml}), the format CI
 * servers show: failed tests as {@code <failure>}, tests that errored or timed out as
 * {@code <error>}, points in each test's {@code <system-out>}.
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {}

    /** Return the report as JUnit XML text. */
    public static String toXml(GradeReport report) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            long failures = report.tests().stream()
                    .filter(t -> t.status() == TestStatus.FAILED)
                    .count();
            long errors = report.tests().stream()
                    .filter(t -> t.status() == TestStatus.ERROR || t.status() == TestStatus.TIMED_OUT)
                    .count();
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "kadai." + report.assignment());
            xml.writeAttribute("tests", String.valueOf(report.tests().size()));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", String.valueOf(errors));
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", seconds(report.executionSeconds()));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            property(xml, "assignment", report.assignment());
            property(xml, "outcome", report.outcome().name());
            property(xml, "score", report.score() + " / " + report.maxScore());
            property(xml, "seed", String.valueOf(report.seed()));
            property(xml, "sandbox", report.sandboxLevel());
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            for (TestResult t : report.tests()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "kadai." + report.assignment());
                xml.writeAttribute("name", clean(t.name()));
                xml.writeAttribute("time", seconds(t.seconds()));
                if (t.status() != TestStatus.PASSED) {
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement(t.status() == TestStatus.FAILED ? "failure" : "error");
                    xml.writeAttribute("type", t.status().name());
                    xml.writeAttribute("message", clean(firstLine(t.output())));
                    xml.writeCharacters(clean(t.output()));
                    xml.writeEndElement();
                }
                xml.writeCharacters("\n    ");
                xml.writeStartElement("system-out");
                xml.writeCharacters(String.format(
                        Locale.ROOT,
                        "points %s / %s, %s, tags %s",
                        number(t.score()),
                        number(t.maxScore()),
                        t.visibility().gradescopeName(),
                        t.tags()));
                xml.writeEndElement();
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            if (!report.output().isEmpty()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("system-err");
                xml.writeCharacters(clean(report.output()));
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return out.append('\n').toString();
    }

    /** Write {@code TEST-kadai-<assignment>.xml} into {@code dir}; return the file. */
    public static Path write(GradeReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("TEST-kadai-" + report.assignment().replaceAll("[^A-Za-z0-9_-]", "_") + ".xml");
        Files.writeString(file, toXml(report));
        return file;
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", clean(value));
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** Drop characters XML 1.0 cannot carry (student messages may hold any). */
    private static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == 0x9
                    || cp == 0xA
                    || cp == 0xD
                    || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD)
                    || cp >= 0x10000 && cp <= 0x10FFFF) {
                out.appendCodePoint(cp);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
