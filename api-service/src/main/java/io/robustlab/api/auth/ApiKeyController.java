package io.robustlab.api.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** API keys: mint (admin only; the key is shown once), list, revoke. */
@RestController
@RequestMapping(path = "/api/v1/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "api-keys")
class ApiKeyController {

    private final ApiKeyService service;

    ApiKeyController(ApiKeyService service) {
        this.service = service;
    }

    /**
     * What to mint.
     *
     * @param project the project the key acts in
     * @param name    what the key is for, to recognise it in listings ({@code ci-nightly})
     * @param admin   whether the key may mint and revoke keys of every project (default false)
     */
    record MintRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
                    message = "must be letters, digits, '.', '_' or '-', starting with a letter or digit")
            String project,
            @NotBlank @Size(max = 200) String name,
            Boolean admin) {
    }

    /** A key as listed: never its secret, only the start of it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApiKeyView(UUID id, String project, String name, boolean admin, String prefix, Instant createdAt,
            Instant revokedAt) {

        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(key.id(), key.project(), key.name(), key.admin(), key.prefix(), key.createdAt(),
                    key.revokedAt());
        }
    }

    /** A key just minted, with its secret: the only response that ever holds it. */
    record MintedApiKey(UUID id, String project, String name, boolean admin, String prefix, Instant createdAt,
            String key) {
    }

    record ApiKeyList(List<ApiKeyView> keys) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Mint an API key for a project (admin keys only)",
            description = "201 with the key in `key`. It is shown this once and stored only as its SHA-256: keep it.")
    ResponseEntity<MintedApiKey> mint(@Valid @RequestBody MintRequest request) {
        ApiKeyService.Minted minted = service.mint(Caller.current(), request.project(), request.name(),
                Boolean.TRUE.equals(request.admin()));
        ApiKey key = minted.key();
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + key.id()))
                .body(new MintedApiKey(key.id(), key.project(), key.name(), key.admin(), key.prefix(),
                        key.createdAt(), minted.secret()));
    }

    @GetMapping
    @Operation(summary = "The API keys of the caller's project, newest first, without their secrets")
    ApiKeyList list(@Parameter(description = "another project (admin keys only)")
            @RequestParam(required = false) String project) {
        return new ApiKeyList(service.list(Caller.current(), project).stream().map(ApiKeyView::of).toList());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One API key, without its secret")
    ApiKeyView get(@PathVariable UUID id) {
        return ApiKeyView.of(service.get(Caller.current(), id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke an API key: refused from now on (an admin key any key, any other key itself)")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        service.revoke(Caller.current(), id);
        return ResponseEntity.noContent().build();
    }
}
