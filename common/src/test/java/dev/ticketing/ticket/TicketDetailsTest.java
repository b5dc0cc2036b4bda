package dev.ticketing.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.DomainException;
import dev.ticketing.domain.DomainException.FieldError;
import dev.ticketing.domain.ValidationFailed;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TicketDetailsTest {

    private static List<FieldError> errors(String title, String price) {
        try {
            new TicketDetails(title, price).validated();
        } catch (ValidationFailed e) {
            return e.fieldErrors();
        }
        throw new AssertionError("expected a validation failure for " + title + " / " + price);
    }

    @Test
    void readsPricesExactlyInCents() {
        assertThat(new TicketDetails("concert", "20").validated().price().cents()).isEqualTo(2000);
        assertThat(new TicketDetails("concert", "10.5").validated().price().cents()).isEqualTo(1050);
        assertThat(new TicketDetails("concert", "0.01").validated().price().cents()).isEqualTo(1);
        assertThat(new TicketDetails("concert", "19.99").validated().price().cents()).isEqualTo(1999);
        assertThat(new TicketDetails("concert", "1.500").validated().price().cents()).isEqualTo(150);
        assertThat(new TicketDetails("concert", "2e1").validated().price().cents()).isEqualTo(2000);
        assertThat(new TicketDetails("concert", "999999.99").validated().price().cents()).isEqualTo(Price.MAX_CENTS);
    }

    @Test
    void trimsTheTitle() {
        assertThat(new TicketDetails("  concert \n", "20").validated().title()).isEqualTo("concert");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void requiresATitle(String title) {
        assertThat(errors(title, "10")).containsExactly(new FieldError("title", "Title is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"con\u0000cert", "con\u0007cert", "line\nbreak", "tab\tinside", "del\u007F",
            "c1\u0085control", "evil\u202Egpj.exe", "embed\u202Bx", "isolate\u2067x\u2069",
            "lone\uD800high", "lone\uDC00low", "trailing high \uD83C"})
    void refusesControlCharactersBidiControlsAndUnpairedSurrogatesInTitles(String title) {
        assertThat(errors(title, "10")).containsExactly(new FieldError("title",
                "Title must not contain control characters, direction overrides or invalid characters"));
    }

    @Test
    void normalisesTitlesToNfc() {
        String decomposed = "Cafe\u0301 concert";
        assertThat(new TicketDetails(decomposed, "10").validated().title()).isEqualTo("Caf\u00E9 concert");
        assertThat(new TicketDetails("\uD83C\uDFAB \u05E9\u05DC\u05D5\u05DD", "10").validated().title())
                .isEqualTo("\uD83C\uDFAB \u05E9\u05DC\u05D5\u05DD");
    }

    @Test
    void limitsTheTitleTo200Characters() {
        assertThat(new TicketDetails("x".repeat(200), "10").validated().title()).hasSize(200);
        assertThat(errors("x".repeat(201), "10"))
                .containsExactly(new FieldError("title", "Title must be at most 200 characters"));
    }

    @Test
    void countsTitleCharactersNotUtf16Units() {
        String ticket = "\uD83C\uDFAB";
        assertThat(new TicketDetails(ticket.repeat(200), "10").validated().title()).hasSize(400);
        assertThat(errors(ticket.repeat(201), "10")).extracting(FieldError::field).containsExactly("title");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"-10", "0", "0.00", "-0.01", "abc", "NaN", "Infinity", "10 dollars", "true", "1,5"})
    void requiresAPriceGreaterThanZero(String price) {
        assertThat(errors("concert", price)).containsExactly(new FieldError("price", "Price must be greater than 0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.001", "0.001", "1e-999999999"})
    void refusesMoreThanTwoDecimals(String price) {
        assertThat(errors("concert", price))
                .containsExactly(new FieldError("price", "Price must have at most two decimal places"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000000", "999999.991", "1e400", "1E+999999999"})
    void refusesPricesAboveTheUpperBound(String price) {
        assertThat(errors("concert", price)).containsExactly(new FieldError("price", "Price must be at most 999999.99"));
    }

    @Test
    void refusesOverlongPriceTextWithoutParsingIt() {
        assertThat(errors("concert", "1" + "0".repeat(10_000))).extracting(FieldError::field).containsExactly("price");
    }

    @Test
    void reportsEveryBrokenFieldAtOnce() {
        assertThatThrownBy(() -> new TicketDetails(null, null).validated())
                .isInstanceOfSatisfying(ValidationFailed.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
                    assertThat(e.fieldErrors()).containsExactly(new FieldError("title", "Title is required"),
                            new FieldError("price", "Price must be greater than 0"));
                });
    }

    @Test
    void showsAmountsAsPlainNumbersWithoutTrailingZeros() {
        assertThat(new Price(2000).amount().toString()).isEqualTo("20");
        assertThat(new Price(1050).amount().toString()).isEqualTo("10.5");
        assertThat(new Price(1).amount().toString()).isEqualTo("0.01");
        assertThat(new Price(100_000).amount().toString()).isEqualTo("1000");
        assertThat(new Price(Price.MAX_CENTS).amount().toString()).isEqualTo("999999.99");
    }

    @Test
    void aPriceIsNeverZeroNegativeOrAboveTheBound() {
        assertThatThrownBy(() -> new Price(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Price(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Price(Price.MAX_CENTS + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
