package io.robustlab.cli.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.cli.Fixtures;
import io.robustlab.cli.client.RobustLabApi;
import io.robustlab.cli.results.RobustnessCurves.Curve;
import io.robustlab.cli.results.RobustnessCurves.Point;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurveCsvTest {

    @Test
    void writesOneRowPerPointWithAHeader() {
        RobustnessCurves curves = RobustnessCurves.of(RobustLabApi.JSON.readTree(Fixtures.curves(Fixtures.JOB)));
        List<String> rows = Arrays.asList(CurveCsv.write(curves.curves()).split("\r\n"));
        assertThat(rows).hasSize(1 + 4 * 3);
        assertThat(rows.getFirst()).isEqualTo("curve,kind,norm,epsilon,accuracy,samples");
        assertThat(rows.get(1)).isEqualTo("fgsm (L∞),attack,linf,0,0.9,100");
        assertThat(rows.get(6)).isEqualTo("linf-pgd (L∞),attack,linf,0.1,0.42,100");
        assertThat(rows.getLast()).isEqualTo("worst-case (all attacks),worst-case,linf,0.1,0.4,100");
    }

    @Test
    void quotesLabelsWithCommasAndWritesNumbersWithoutExponent() {
        Curve mixed = new Curve("worst-case (all attacks, mixed norms)", "worst-case", "mixed",
                List.of(new Point(0.0001, 0.125, 8), new Point(8e-4, null, 0)));
        Curve quoted = new Curve("my \"best\" pgd (L2)", "attack", "l2", List.of(new Point(1.5, 1.0, 3)));
        assertThat(CurveCsv.write(List.of(mixed, quoted))).isEqualTo("curve,kind,norm,epsilon,accuracy,samples\r\n"
                + "\"worst-case (all attacks, mixed norms)\",worst-case,mixed,0.0001,0.125,8\r\n"
                + "\"worst-case (all attacks, mixed norms)\",worst-case,mixed,0.0008,,0\r\n"
                + "\"my \"\"best\"\" pgd (L2)\",attack,l2,1.5,1,3\r\n");
    }

    @Test
    void numbersAreWrittenInFull() {
        assertThat(CurveCsv.number(0.0)).isEqualTo("0");
        assertThat(CurveCsv.number(-0.0)).isEqualTo("0");
        assertThat(CurveCsv.number(1e-8)).isEqualTo("0.00000001");
        assertThat(CurveCsv.number(0.1)).isEqualTo("0.1");
        assertThat(CurveCsv.number(Double.NaN)).isEmpty();
    }
}
