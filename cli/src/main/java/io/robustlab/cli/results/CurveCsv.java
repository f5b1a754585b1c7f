package io.robustlab.cli.results;

import io.robustlab.cli.results.RobustnessCurves.Curve;
import io.robustlab.cli.results.RobustnessCurves.Point;
import java.math.BigDecimal;
import java.util.List;

/**
 * Curves as CSV (RFC 4180): one row per point, header {@code curve,kind,norm,epsilon,accuracy,samples}. Numbers are
 * written in full without exponent ({@code 0.0001}, not {@code 1.0E-4}); an accuracy that was not measured is an
 * empty field.
 */
public final class CurveCsv {

    static final String HEADER = "curve,kind,norm,epsilon,accuracy,samples";

    private CurveCsv() {
    }

    public static String write(List<Curve> curves) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (Curve curve : curves) {
            for (Point point : curve.points()) {
                csv.append(field(curve.label())).append(',').append(field(curve.kind())).append(',')
                        .append(field(curve.norm() == null ? "" : curve.norm())).append(',')
                        .append(number(point.epsilon())).append(',')
                        .append(point.accuracy() == null ? "" : number(point.accuracy())).append(',')
                        .append(point.samples()).append("\r\n");
            }
        }
        return csv.toString();
    }

    /** A number in full, without exponent: {@code 0.0001}, {@code 0.1}, {@code 0}; empty when not finite. */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return plain.equals("-0") ? "0" : plain;
    }

    private static String field(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
