package dev.ticketing.signin;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code {currentUser: {id, email, iat}}} or {@code {currentUser: null}}, as the original app answers. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record CurrentUserView(User currentUser) {

    record User(String id, String email, long iat) {
    }
}
