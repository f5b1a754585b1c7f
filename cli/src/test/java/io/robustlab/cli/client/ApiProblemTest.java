package io.robustlab.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiProblemTest {

    @Test
    void aProblemIsToldWithItsTitleDetailAndFields() {
        ApiProblem problem = ApiProblem.read(400, """
                {"type": "https://robustlab.io/problems/invalid-spec", "title": "The spec is invalid", "status": 400,
                 "detail": "2 problems: epochs must be <= 10000; model.hiden is not a known field",
                 "errors": [{"field": "epochs", "message": "must be <= 10000"},
                            {"field": "model.hiden", "message": "is not a known field (did you mean hidden?)"}]}
                """);
        assertThat(problem.type()).isEqualTo("https://robustlab.io/problems/invalid-spec");
        assertThat(problem.errors()).containsExactly(new ApiProblem.FieldError("epochs", "must be <= 10000"),
                new ApiProblem.FieldError("model.hiden", "is not a known field (did you mean hidden?)"));
        assertThat(problem.describe().lines().toList()).containsExactly(
                "The spec is invalid (HTTP 400): 2 problems: epochs must be <= 10000; model.hiden is not a known field",
                "  epochs: must be <= 10000",
                "  model.hiden: is not a known field (did you mean hidden?)");
    }

    @Test
    void aBodyThatIsNotAProblemIsShownAsText() {
        ApiProblem problem = ApiProblem.read(502, "<html><body>Bad Gateway</body></html>");
        assertThat(problem.title()).isNull();
        assertThat(problem.describe()).isEqualTo("the API answered (HTTP 502): <html><body>Bad Gateway</body></html>");
        assertThat(ApiProblem.read(500, "").describe()).isEqualTo("the API answered (HTTP 500)");
        assertThat(ApiProblem.read(500, "x".repeat(1000)).detail()).hasSize(301);
    }

    @Test
    void anUnauthenticatedAnswerSaysWhereTheKeyGoes() {
        ApiException e = new ApiException("get job x", ApiProblem.read(401,
                "{\"title\": \"Authentication required\", \"status\": 401, \"detail\": \"no API key was sent\"}"));
        assertThat(e.getMessage()).contains("get job x: Authentication required (HTTP 401): no API key was sent")
                .contains("--api-key or the environment variable ROBUSTLAB_API_KEY");
    }
}
