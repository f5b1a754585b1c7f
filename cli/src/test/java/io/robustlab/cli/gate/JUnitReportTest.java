package io.robustlab.cli.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitReportTest {

    private static final Instant AT = Instant.parse("2026-11-22T08:15:30.123Z");

    @Test
    void aCheckBelowItsThresholdIsATestcaseWithAFailure() throws Exception {
        GateVerdict verdict = new GateVerdict("job-1", "nightly <main>", List.of(
                new GateCheck("clean accuracy", 0.95, 0.97, 1000, "curve worst-case (all attacks), ε = 0"),
                new GateCheck("robust accuracy at ε = 0.1 (worst-case (all attacks))", 0.6, 0.513, 1000,
                        "curve worst-case (all attacks), ε = 0.1")));
        Document xml = parse(verdict);

        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("robustlab gate job-1");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-22T08:15:30");
        NodeList properties = suite.getElementsByTagName("property");
        assertThat(((Element) properties.item(1)).getAttribute("value")).isEqualTo("nightly <main>");

        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        Element clean = (Element) cases.item(0);
        assertThat(clean.getAttribute("name")).isEqualTo("clean accuracy >= 0.95");
        assertThat(clean.getElementsByTagName("failure").getLength()).isZero();
        Element robust = (Element) cases.item(1);
        assertThat(robust.getAttribute("name"))
                .isEqualTo("robust accuracy at ε = 0.1 (worst-case (all attacks)) >= 0.6");
        NodeList failures = robust.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        Element failure = (Element) failures.item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("measured 0.5130 < required 0.6");
        assertThat(failure.getTextContent()).contains("on 1000 samples", "required >= 0.6");
    }

    @Test
    void aPassingGateHasNoFailureElement() throws Exception {
        Document xml = parse(new GateVerdict("job-2", null, List.of(
                new GateCheck("clean accuracy", 0.5, 0.5, 10, "curve worst-case (all attacks), ε = 0"))));
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(1);
        assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void writesTheFileCreatingItsFolder(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("reports/gate.xml");
        JUnitReport.write(new GateVerdict("job-3", null, List.of(
                new GateCheck("clean accuracy", 0.9, 0.1, 10, "x"))), file, AT);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(Files.readString(file)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    private static Document parse(GateVerdict verdict) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JUnitReport.write(verdict, out, AT);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toByteArray()));
    }
}
