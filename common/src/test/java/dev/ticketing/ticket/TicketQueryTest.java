package dev.ticketing.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.DomainException.FieldError;
import dev.ticketing.domain.ValidationFailed;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TicketQueryTest {

    @Test
    void pagesByFiftyUnlessToldOtherwiseAndNeverMoreThanTwoHundred() {
        assertThat(TicketQuery.firstPage().pageSize()).isEqualTo(50);
        assertThat(new TicketQuery(" ", null).pageSize()).isEqualTo(50);
        assertThat(new TicketQuery("1", null).pageSize()).isEqualTo(1);
        assertThat(new TicketQuery("200", null).pageSize()).isEqualTo(200);
        assertThat(new TicketQuery("201", null).pageSize()).isEqualTo(200);
        assertThat(new TicketQuery("99999999999999999999", null).pageSize()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "1e2", "-99999999999999999999"})
    void refusesALimitThatIsNoPositiveWholeNumber(String limit) {
        assertThatThrownBy(() -> new TicketQuery(limit, null).pageSize())
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.fieldErrors())
                        .containsExactly(new FieldError("limit", "Limit must be a positive whole number")));
    }

    @Test
    void aCursorSurvivesTheRoundTripThroughItsToken() {
        TicketCursor cursor = new TicketCursor(Instant.parse("2025-03-04T05:06:07.089Z"), "0123456789abcdef01234567");

        String token = cursor.encode();

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(TicketCursor.decode(token)).isEqualTo(cursor);
        assertThat(new TicketQuery(null, token).start()).isEqualTo(cursor);
        assertThat(TicketQuery.firstPage().start()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "%%%", "MTIzOmFiYw", "eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4"})
    void refusesACursorItDidNotIssue(String token) {
        assertThatThrownBy(() -> new TicketQuery(null, token).start())
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.fieldErrors())
                        .containsExactly(new FieldError("cursor", "Invalid cursor")));
    }
}
