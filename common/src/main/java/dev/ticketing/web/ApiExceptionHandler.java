package dev.ticketing.web;

import dev.ticketing.auth.throttle.TooManyAttempts;
import dev.ticketing.domain.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure of an HTTP route to the API's error format and status rules (docs/architecture.md#errors).
 * Nothing a user sends reaches the last handler; it exists so that a bug answers a plain 500 in the
 * same format, without a stack trace.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** When a client may ask again after a retryable refusal (503). */
    static final String RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ApiError> domain(DomainException e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID, REJECTED -> HttpStatus.BAD_REQUEST;
            case NOT_AUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PAYMENT_REFUSED -> HttpStatus.PAYMENT_REQUIRED;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        ApiError body = e.fieldErrors().isEmpty() ? ApiError.of(e.getMessage()) : ApiError.of(e.fieldErrors());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            // a refusal that asking again may cure (a dependency down, an event not arrived yet): say when
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.body(body);
    }

    @ExceptionHandler(TooManyAttempts.class)
    ResponseEntity<ApiError> tooManyAttempts(TooManyAttempts e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_JSON).body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(PayloadTooLarge.class)
    ResponseEntity<ApiError> tooLarge(PayloadTooLarge e) {
        return ApiError.response(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof PayloadTooLarge tooLarge) {
            return tooLarge(tooLarge);
        }
        return ApiError.response(HttpStatus.BAD_REQUEST, "Request body must be valid JSON of the expected shape");
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingRequestHeaderException.class})
    ResponseEntity<ApiError> badParameter(Exception e) {
        return ApiError.response(HttpStatus.BAD_REQUEST, "Invalid request parameter");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return ApiError.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ApiError.response(HttpStatus.NOT_ACCEPTABLE, "Responses are application/json");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return ApiError.response(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed");
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ApiError> notFound(Exception e) {
        return ApiError.response(HttpStatus.NOT_FOUND, "Not Found");
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ApiError> conflict(OptimisticLockingFailureException e) {
        return ApiError.response(HttpStatus.CONFLICT, "The resource was changed by someone else; reload it and try again");
    }

    @ExceptionHandler(DataAccessResourceFailureException.class)
    ResponseEntity<ApiError> unavailable(DataAccessResourceFailureException e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(ApiError.of("Service temporarily unavailable"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return ApiError.response(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong");
    }
}
