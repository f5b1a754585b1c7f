package io.robustlab.cli.gate;

import io.robustlab.cli.CliException;
import io.robustlab.cli.Exit;
import io.robustlab.cli.results.CurveCsv;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The verdict as a JUnit XML report, the format CI systems show as test results: one {@code <testsuite>} with one
 * {@code <testcase>} per check, and a {@code <failure>} (measured vs required) in each check that fell short.
 * <pre>
 * &lt;testsuite name="robustlab gate 3f2c…" tests="2" failures="1" errors="0" skipped="0" time="0" timestamp="…"&gt;
 *   &lt;properties&gt;&lt;property name="job" value="3f2c…"/&gt;…&lt;/properties&gt;
 *   &lt;testcase classname="robustlab.gate" name="clean accuracy &gt;= 0.95" time="0"/&gt;
 *   &lt;testcase classname="robustlab.gate" name="robust accuracy at ε = 0.1 (…) &gt;= 0.6" time="0"&gt;
 *     &lt;failure type="below-threshold" message="measured 0.5130 &lt; required 0.6"&gt;…&lt;/failure&gt;
 *   &lt;/testcase&gt;
 * &lt;/testsuite&gt;
 * </pre>
 */
public final class JUnitReport {

    private JUnitReport() {
    }

    /** @throws CliException {@link Exit#USAGE} when the file cannot be written */
    public static void write(GateVerdict verdict, Path file, Instant at) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                write(verdict, out, at);
            }
        } catch (IOException e) {
            throw new CliException(Exit.USAGE, "cannot write the JUnit report " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(GateVerdict verdict, OutputStream out, Instant at) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "robustlab gate " + verdict.jobId());
            xml.writeAttribute("tests", Integer.toString(verdict.checks().size()));
            xml.writeAttribute("failures", Long.toString(verdict.failures()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", "0");
            xml.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME
                    .format(at.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toLocalDateTime()));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            property(xml, "job", verdict.jobId());
            if (verdict.jobName() != null) {
                property(xml, "job.name", verdict.jobName());
            }
            xml.writeEndElement();
            for (GateCheck check : verdict.checks()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "robustlab.gate");
                xml.writeAttribute("name", check.name() + " >= " + CurveCsv.number(check.required()));
                xml.writeAttribute("time", "0");
                if (!check.passed()) {
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement("failure");
                    xml.writeAttribute("type", "below-threshold");
                    xml.writeAttribute("message", (check.measured() == null ? "not measured"
                            : "measured " + GateSummary.measured(check) + " < required "
                                    + CurveCsv.number(check.required())));
                    xml.writeCharacters(check.name() + ": measured " + GateSummary.measured(check) + " on "
                            + check.samples() + " samples (" + check.source() + "), required >= "
                            + CurveCsv.number(check.required()));
                    xml.writeEndElement();
                    xml.writeCharacters("\n  ");
                } else {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters("measured " + GateSummary.measured(check) + " on " + check.samples()
                            + " samples (" + check.source() + ")");
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
            out.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write XML: " + e.getMessage(), e);
        }
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }
}
