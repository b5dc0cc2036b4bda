package dev.ticketing.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.domain.DomainException;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The one error format of the HTTP API (docs/architecture.md#errors):
 * {@code {"errors":[{"message":"...","field":"..."}]}}, {@code field} only on validation errors.
 */
public record ApiError(List<Item> errors) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String message, String field) {
    }

    public static ApiError of(String message) {
        return new ApiError(List.of(new Item(message, null)));
    }

    public static ApiError of(List<DomainException.FieldError> fieldErrors) {
        return new ApiError(fieldErrors.stream().map(e -> new Item(e.message(), e.field())).toList());
    }

    public static ResponseEntity<ApiError> response(HttpStatusCode status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(of(message));
    }
}
