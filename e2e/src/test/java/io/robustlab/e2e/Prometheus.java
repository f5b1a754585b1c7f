package io.robustlab.e2e;

import java.util.Map;

/** Reading a service's {@code /actuator/prometheus} page: the sum of one metric's samples. */
final class Prometheus {

    private Prometheus() {
    }

    /**
     * The sum of the samples of {@code metric} whose labels include all of {@code labels}; 0 when there is none.
     * A sample line is {@code name{label="value",…} number}.
     */
    static double sum(String page, String metric, Map<String, String> labels) {
        double sum = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            String rest = line.substring(metric.length());
            String labelText = "";
            if (rest.startsWith("{")) {
                int end = rest.lastIndexOf('}');
                labelText = rest.substring(1, end);
                rest = rest.substring(end + 1);
            } else if (!rest.startsWith(" ")) {
                continue; // another metric whose name starts with this one's
            }
            String text = labelText;
            if (labels.entrySet().stream().allMatch(label ->
                    text.contains(label.getKey() + "=\"" + label.getValue() + "\""))) {
                sum += Double.parseDouble(rest.trim().split(" ")[0]);
            }
        }
        return sum;
    }
}
