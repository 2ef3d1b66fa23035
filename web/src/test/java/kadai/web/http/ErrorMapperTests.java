package kadai.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ForbiddenResponse;
import jakarta.servlet.ServletException;
import java.util.concurrent.CompletionException;
import kadai.web.submission.UploadRejectedException;
import org.eclipse.jetty.http.BadMessageException;
import org.junit.jupiter.api.Test;

/** The one mapping from exceptions to answers: domain reasons, Javalin, Jetty, Jackson, and our bugs. */
class ErrorMapperTests {

    @Test
    void everyReasonHasItsStatus() {
        assertThat(ErrorMapper.classify(RefusedException.invalid("bad-request", "x"), false)
                        .status())
                .isEqualTo(400);
        assertThat(ErrorMapper.classify(RefusedException.forbidden("forbidden", "x"), false)
                        .status())
                .isEqualTo(403);
        assertThat(ErrorMapper.classify(RefusedException.conflict("closed", "x"), false)
                        .status())
                .isEqualTo(409);
        assertThat(ErrorMapper.classify(RefusedException.unprocessable("missing", "x"), false)
                        .status())
                .isEqualTo(422);
        assertThat(ErrorMapper.classify(RefusedException.limitReached("daily-limit", "x"), false)
                        .status())
                .isEqualTo(429);
        assertThat(ErrorMapper.classify(new UploadRejectedException("zip-slip", "x"), true))
                .isEqualTo(new ErrorMapper.Problem(422, "zip-slip", "x", false));
        assertThat(ErrorMapper.classify(new UploadRejectedException("too-large", "x"), true)
                        .status())
                .isEqualTo(413);
        assertThat(ErrorMapper.classify(new NotFoundException("There is no x."), false))
                .isEqualTo(new ErrorMapper.Problem(404, "not-found", "There is no x.", false));
        assertThat(ErrorMapper.classify(new ForbiddenResponse("no"), false).status())
                .isEqualTo(403);
    }

    @Test
    void anIllegalArgumentExceptionIsOurBugNotTheClients() {
        ErrorMapper.Problem p = ErrorMapper.classify(new IllegalArgumentException("index -1"), false);
        assertThat(p.status()).isEqualTo(500);
        assertThat(p.ourBug()).isTrue();
        assertThat(p.message()).doesNotContain("index -1");
        assertThat(ErrorMapper.classify(new NullPointerException(), true).status())
                .isEqualTo(500);
    }

    @Test
    void jettysMultipartFailuresAre413Or422() {
        Throwable tooBig = new ServletException(new BadMessageException(
                "bad multipart",
                new CompletionException(new IllegalStateException("max file size exceeded: 2097152"))));
        assertThat(ErrorMapper.classify(tooBig, true).status()).isEqualTo(413);
        Throwable parts = new ServletException(new BadMessageException(
                "bad multipart",
                new CompletionException(new IllegalStateException("Form with too many keys [1001 > 1000]"))));
        assertThat(ErrorMapper.classify(parts, true))
                .extracting(ErrorMapper.Problem::status, ErrorMapper.Problem::code)
                .containsExactly(422, "too-many-parts");
        Throwable malformed = new ServletException(new BadMessageException(
                "bad multipart",
                new CompletionException(new IllegalStateException("No multipart boundary parameter in Content-Type"))));
        assertThat(ErrorMapper.classify(malformed, true))
                .extracting(ErrorMapper.Problem::status, ErrorMapper.Problem::code, ErrorMapper.Problem::ourBug)
                .containsExactly(422, "bad-multipart", false);
    }

    @Test
    void jsonThatDoesNotParseIs400WithoutOurClassNames() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(
                Exception.class, () -> new ObjectMapper().readValue("[1, 2]", Body.class));
        ErrorMapper.Problem p = ErrorMapper.classify(e, false);
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.code()).isEqualTo("bad-json");
        assertThat(p.message()).doesNotContain("kadai.web").doesNotContain("ErrorMapperTests$");
    }

    /** A body type for the JSON test. */
    public record Body(Long submissionId) {}
}
